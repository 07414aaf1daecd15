// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/tickpath: where readers map subscription rings.  Rings are read-only,
 * so the device is opened read-only or not at all, and so is every mapping.
 * An open file binds to one ring, holds a reference to it, and keeps the
 * one piece of reader state the kernel ever looks at: the record number the
 * reader waits for, which it hands over in an ioctl, never in shared memory.
 */

#include "chardev.h"
#include "compat.h"
#include "ring.h"
#include "sub.h"

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tickpath.h>
#include <linux/uaccess.h>

struct tp_reader {
	struct tp_ring *ring;	/* set once, by BIND */
	struct mutex bind_lock;
	u64 armed;		/* the record number poll() waits for */
};

static struct tp_ring *tp_reader_ring(struct tp_reader *rd)
{
	/* NULL until BIND; pairs with its release, which follows armed. */
	return smp_load_acquire(&rd->ring);
}

static int tp_chardev_open(struct inode *inode, struct file *file)
{
	struct tp_reader *rd;
	int ret;

	if (file->f_mode & FMODE_WRITE)
		return -EACCES;
	ret = nonseekable_open(inode, file);
	if (ret)
		return ret;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL_ACCOUNT);
	if (!rd)
		return -ENOMEM;
	mutex_init(&rd->bind_lock);
	file->private_data = rd;
	return 0;
}

static int tp_chardev_release(struct inode *inode, struct file *file)
{
	struct tp_reader *rd = file->private_data;

	if (rd->ring)
		tp_ring_put(rd->ring);
	mutex_destroy(&rd->bind_lock);
	kfree(rd);
	return 0;
}

static struct tp_ring *tp_chardev_lookup(const char *name)
{
	/* The namespace of the calling task, not of whoever opened the file:
	 * one device serves every namespace and a file can be opened before
	 * setns() or passed over a socket, yet a name must resolve where the
	 * caller lives, as its tpctl sees it, and a borrowed file must not
	 * reach into a namespace the caller is not in.
	 */
	return tp_sub_get_ring(current->nsproxy->net_ns, name);
}

static long tp_chardev_bind(struct tp_reader *rd, void __user *arg)
{
	char name[TICKPATH_NAME_MAX];
	struct tp_ring *ring;
	long ret = 0;

	if (copy_from_user(name, arg, sizeof(name)))
		return -EFAULT;
	if (!name[0] || strnlen(name, sizeof(name)) == sizeof(name))
		return -EINVAL;

	mutex_lock(&rd->bind_lock);
	if (rd->ring) {
		ret = -EBUSY;
		goto out;
	}
	ring = tp_chardev_lookup(name);
	if (IS_ERR(ring)) {
		ret = PTR_ERR(ring);
		goto out;
	}
	rd->armed = tp_ring_head_rec_now(ring);
	/* Bound: a reader of rd->ring sees armed set. */
	smp_store_release(&rd->ring, ring);
out:
	mutex_unlock(&rd->bind_lock);
	return ret;
}

static long tp_chardev_info(struct tp_reader *rd, void __user *arg)
{
	struct tp_ring *ring = tp_reader_ring(rd);
	struct tickpath_ring_info info = {};

	if (!ring)
		return -EBADFD;
	tp_ring_info(ring, &info);
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long tp_chardev_arm(struct tp_reader *rd, u64 __user *arg, u64 *rec)
{
	if (!tp_reader_ring(rd))
		return -EBADFD;
	if (get_user(*rec, arg))
		return -EFAULT;
	if (*rec >> TICKPATH_STAMP_BITS)
		return -EINVAL;
	WRITE_ONCE(rd->armed, *rec);
	return 0;
}

static long tp_chardev_wait(struct tp_reader *rd, u64 __user *arg)
{
	struct tp_ring *ring;
	long ret;
	u64 rec;

	ret = tp_chardev_arm(rd, arg, &rec);
	if (ret)
		return ret;
	ring = tp_reader_ring(rd);
	ret = wait_event_interruptible(ring->wait,
				       tp_ring_passed(ring, rec) ||
				       tp_ring_dead(ring));
	if (ret)
		return ret;
	/* Records before death first: the reader drains, then sees EPIPE. */
	return tp_ring_passed(ring, rec) ? 0 : -EPIPE;
}

static long tp_chardev_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	struct tp_reader *rd = file->private_data;
	void __user *uarg = (void __user *)arg;
	u64 rec;

	switch (cmd) {
	case TICKPATH_IOC_BIND:
		return tp_chardev_bind(rd, uarg);
	case TICKPATH_IOC_RING_INFO:
		return tp_chardev_info(rd, uarg);
	case TICKPATH_IOC_ARM:
		return tp_chardev_arm(rd, uarg, &rec);
	case TICKPATH_IOC_WAIT:
		return tp_chardev_wait(rd, uarg);
	}
	return -ENOTTY;
}

static int tp_chardev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct tp_ring *ring = tp_reader_ring(file->private_data);

	if (!ring)
		return -EBADFD;
	/* The kernel never reads what a reader could have written: no write
	 * access now (a private mapping would allow it) nor later.
	 */
	if (vma->vm_flags & (VM_WRITE | VM_EXEC))
		return -EPERM;
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	vm_flags_clear(vma, VM_MAYWRITE | VM_MAYEXEC);
	return tp_ring_mmap(ring, vma);
}

static __poll_t tp_chardev_poll(struct file *file, poll_table *wait)
{
	struct tp_reader *rd = file->private_data;
	struct tp_ring *ring = tp_reader_ring(rd);
	__poll_t mask = 0;

	if (!ring)
		return EPOLLERR;
	poll_wait(file, &ring->wait, wait);
	/* Queued before reading head; pairs with wq_has_sleeper() in
	 * tp_ring_publish(), so a publish is never missed.
	 */
	smp_mb();
	if (tp_ring_passed(ring, READ_ONCE(rd->armed)))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (tp_ring_dead(ring))
		mask |= EPOLLHUP;
	return mask;
}

static const struct file_operations tp_chardev_fops = {
	.owner = THIS_MODULE,
	.open = tp_chardev_open,
	.release = tp_chardev_release,
	.unlocked_ioctl = tp_chardev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = tp_chardev_mmap,
	.poll = tp_chardev_poll,
	/* No .llseek: nonseekable_open() makes lseek() fail with ESPIPE. */
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
