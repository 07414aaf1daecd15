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

#include <linux/tickpath_ring.h>

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/ktime.h>
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
#include <linux/wait.h>

struct tp_reader {
	struct tp_ring *ring;	/* set once, by BIND */
	struct mutex bind_lock;
	u64 armed;		/* the record number poll() waits for */
};

/* How far behind head poll() lets a passed armed record fall: a quarter of
 * the record numbers, well short of the half where it would look ahead.
 */
#define TP_READER_ARMED_BEHIND (1LL << (TICKPATH_STAMP_BITS - 2))

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

/* The record poll() and the wait ioctls wait for, from here on. */
static long tp_reader_arm(struct tp_reader *rd, u64 rec)
{
	if (rec >> TICKPATH_STAMP_BITS)
		return -EINVAL;
	WRITE_ONCE(rd->armed, rec);
	return 0;
}

/*
 * Where a reader that waits for @rec stands: 1 once head passed it, -EPIPE
 * once the ring is dead without, else 0.  The flag is read first: the ring
 * is marked dead after its last head, with release, so the head read after
 * a dead flag is the last one, and no reader hears EPIPE while a record it
 * waits for is there.
 */
static long tp_reader_state(struct tp_ring *ring, u64 rec)
{
	bool dead = tp_ring_dead(ring);

	if (tp_ring_passed(ring, rec))
		return 1;
	return dead ? -EPIPE : 0;
}

/*
 * The wait ioctls: sleeps on the armed @rec until tp_reader_state() has an
 * answer, which it returns, or @timeout passes (KTIME_MAX: never), then 0;
 * -ERESTARTSYS if a signal came first.  @timeout 0 only checks.  A record
 * there is worth more than a signal, which is delivered all the same.
 */
static long tp_reader_sleep(struct tp_ring *ring, u64 rec, ktime_t timeout)
{
	long ret = 0, state;

	if (timeout > 0)
		ret = wait_event_interruptible_hrtimeout(ring->wait,
							 tp_reader_state(ring, rec),
							 timeout);
	state = tp_reader_state(ring, rec);
	if (!state && ret == -ERESTARTSYS)
		return ret;
	return state;
}

static long tp_chardev_arm(struct tp_reader *rd, u64 __user *arg, u64 *rec)
{
	if (!tp_reader_ring(rd))
		return -EBADFD;
	if (get_user(*rec, arg))
		return -EFAULT;
	return tp_reader_arm(rd, *rec);
}

static long tp_chardev_wait(struct tp_reader *rd, u64 __user *arg)
{
	long ret;
	u64 rec;

	ret = tp_chardev_arm(rd, arg, &rec);
	if (ret)
		return ret;
	ret = tp_reader_sleep(tp_reader_ring(rd), rec, KTIME_MAX);
	return ret == 1 ? 0 : ret;
}

static long tp_chardev_wait_timeout(struct tp_reader *rd,
				    struct tickpath_wait __user *arg)
{
	struct tp_ring *ring = tp_reader_ring(rd);
	struct tickpath_wait wait;
	ktime_t deadline = 0;
	long ret;

	if (!ring)
		return -EBADFD;
	if (copy_from_user(&wait, arg, sizeof(wait)))
		return -EFAULT;
	ret = tp_reader_arm(rd, wait.rec);
	if (ret)
		return ret;
	if (wait.timeout_ns > 0)
		deadline = ktime_add_safe(ktime_get(), wait.timeout_ns);
	ret = tp_reader_sleep(ring, wait.rec,
			      wait.timeout_ns < 0 ? KTIME_MAX : wait.timeout_ns);
	if (ret != -ERESTARTSYS)
		return ret;
	/* EINTR after a handler, as poll(): a handler that sets a flag for
	 * the reader's loop must not be left waiting for the next record.
	 * Restarted otherwise (a stop, the freezer), waiting only what is
	 * left, which the caller gets too.  If that cannot be written back,
	 * EINTR: never the whole timeout again (select() does the same).
	 */
	if (wait.timeout_ns < 0)
		return -ERESTARTNOHAND;
	if (put_user(max_t(s64, ktime_sub(deadline, ktime_get()), 0),
		     &arg->timeout_ns))
		return -EINTR;
	return -ERESTARTNOHAND;
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
	case TICKPATH_IOC_WAIT_TIMEOUT:
		return tp_chardev_wait_timeout(rd, uarg);
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

/*
 * A reader on EPOLLET may never arm again: its armed record, passed, falls
 * ever further behind head, and 2^39 records on it would look ahead of head
 * (record numbers wrap).  Moved up to head - 1 long before, it stays passed
 * and poll() says the same; unless the reader armed anew meanwhile.
 */
static void tp_reader_keep_passed(struct tp_reader *rd, u64 armed, u64 head)
{
	if (tp_ring_diff(head, armed) >= TP_READER_ARMED_BEHIND)
		cmpxchg64(&rd->armed, armed, (head - 1) & TP_RING_REC_MASK);
}

static __poll_t tp_chardev_poll(struct file *file, poll_table *wait)
{
	struct tp_reader *rd = file->private_data;
	struct tp_ring *ring = tp_reader_ring(rd);
	__poll_t mask = 0;
	u64 armed, head;

	if (!ring)
		return EPOLLERR;
	poll_wait(file, &ring->wait, wait);
	/* Queued before reading head; pairs with wq_has_sleeper() in
	 * tp_ring_publish(), so a publish is never missed.
	 */
	smp_mb();
	/* Dead before head, as in tp_reader_state(): EPOLLHUP alone means
	 * that nothing past the armed record will come.
	 */
	if (tp_ring_dead(ring))
		mask |= EPOLLHUP;
	armed = READ_ONCE(rd->armed);
	head = tp_ring_head_rec_now(ring);
	if (tp_ring_diff(head, armed) > 0) {
		mask |= EPOLLIN | EPOLLRDNORM;
		tp_reader_keep_passed(rd, armed, head);
	}
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
