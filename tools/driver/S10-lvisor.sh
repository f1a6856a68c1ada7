# Root-zone start-up step (sourced by /etc/init.d/rcS): /dev/hvisor for `lvisor zone ...`.
insmod /lib/modules/lvisor.ko || echo "lvisor: the /dev/hvisor driver did not load" >&2
