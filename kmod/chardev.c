// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/tickpath: where readers will map subscription rings.  Rings are
 * read-only, so the device is opened read-only or not at all.
 */

#include "chardev.h"

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/tickpath.h>

static int tp_chardev_open(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	return nonseekable_open(inode, file);
}

static int tp_chardev_release(struct inode *inode, struct file *file)
{
	return 0;
}

static const struct file_operations tp_chardev_fops = {
	.owner = THIS_MODULE,
	.open = tp_chardev_open,
	.release = tp_chardev_release,
	.llseek = no_llseek,
};

static struct miscdevice tp_chardev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = TICKPATH_DEVICE_NAME,
	.fops = &tp_chardev_fops,
	.mode = 0444,
};

int tp_chardev_init(void)
{
	return misc_register(&tp_chardev);
}

void tp_chardev_uninit(void)
{
	misc_deregister(&tp_chardev);
}
