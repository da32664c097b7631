// SPDX-License-Identifier: GPL-2.0
#include "tty.h"

#include <unistd.h>

bool sc_tty_raw(int fd, struct termios *saved)
{
	struct termios raw;

	if (fd < 0 || !isatty(fd) || tcgetattr(fd, saved))
		return false;
	raw = *saved;
	raw.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP |
				   INLCR | IGNCR | ICRNL | IXON);
	raw.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(fd, TCSAFLUSH, &raw) == 0;
}

void sc_tty_restore(int fd, const struct termios *saved)
{
	tcsetattr(fd, TCSAFLUSH, saved);
}
