// SPDX-License-Identifier: GPL-2.0
/*
 * The broadcast ring.  Memory is laid out as the BPF ring buffer does it: a
 * header page, then the slot pages mapped twice in a row, in the kernel and
 * in every reader's mapping alike, so that a two-slot record at the end of
 * the ring reads as one piece.  The pages start zeroed: a reader never sees
 * a byte the ring did not write.  The protocol itself, stamps and head, is
 * in uapi/linux/tickpath_ring.h, shared with the readers.
 */

#include "ring.h"
#include <linux/tickpath_ring.h>

#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/vmalloc.h>

static size_t tp_ring_data_size(u32 slot_count)
{
	return (size_t)slot_count * TICKPATH_SLOT_SIZE;
}

static size_t tp_ring_mmap_size(const struct tp_ring *ring)
{
	return PAGE_SIZE + 2 * tp_ring_data_size(ring->mask + 1);
}

static bool tp_ring_slot_count_valid(u32 slot_count)
{
	return is_power_of_2(slot_count) &&
	       slot_count >= TICKPATH_RING_SLOTS_MIN &&
	       slot_count <= TICKPATH_RING_SLOTS_MAX &&
	       PAGE_ALIGNED(tp_ring_data_size(slot_count));
}

static int tp_ring_alloc_pages(struct tp_ring *ring, u32 slot_count, int node)
{
	const gfp_t gfp = GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL |
			  __GFP_NOWARN | __GFP_ZERO;
	unsigned int data = tp_ring_data_size(slot_count) >> PAGE_SHIFT;
	unsigned int i;

	ring->pages = kvcalloc(1 + 2 * data, sizeof(*ring->pages),
			       GFP_KERNEL_ACCOUNT);
	if (!ring->pages)
		return -ENOMEM;
	ring->nr_pages = 1 + data;
	for (i = 0; i < ring->nr_pages; i++) {
		ring->pages[i] = alloc_pages_node(node, gfp, 0);
		if (!ring->pages[i])
			return -ENOMEM;
		if (i)
			ring->pages[data + i] = ring->pages[i];
	}
	ring->hdr = vmap(ring->pages, 1 + 2 * data, VM_MAP | VM_USERMAP,
			 PAGE_KERNEL);
	return ring->hdr ? 0 : -ENOMEM;
}

/* Also undoes a tp_ring_alloc_pages() that failed half way. */
static void tp_ring_free(struct tp_ring *ring)
{
	unsigned int i;

	if (ring->hdr)
		vunmap(ring->hdr);
	for (i = 0; ring->pages && i < ring->nr_pages && ring->pages[i]; i++)
		__free_page(ring->pages[i]);
	kvfree(ring->pages);
	kfree(ring);
}

static void tp_ring_init_hdr(struct tickpath_ring_hdr *hdr, u32 slot_count)
{
	hdr->magic = TICKPATH_RING_MAGIC;
	hdr->abi_version = TICKPATH_RING_ABI_VERSION;
	hdr->slot_size = TICKPATH_SLOT_SIZE;
	hdr->slot_count = slot_count;
	hdr->slots_offset = PAGE_SIZE;
	hdr->head_offset = offsetof(struct tickpath_ring_hdr, head);
	hdr->flags_offset = offsetof(struct tickpath_ring_hdr, flags);
}

struct tp_ring *tp_ring_create(u32 slot_count, int node)
{
	struct tp_ring *ring;

	BUILD_BUG_ON(sizeof(struct tickpath_ring_hdr) > PAGE_SIZE);
	BUILD_BUG_ON(sizeof(struct tp_ring_slot) != TICKPATH_SLOT_SIZE);
	BUILD_BUG_ON(sizeof(struct tickpath_rec) != 2 * TICKPATH_SLOT_SIZE);

	if (!tp_ring_slot_count_valid(slot_count))
		return NULL;
	ring = kzalloc_node(sizeof(*ring), GFP_KERNEL_ACCOUNT, node);
	if (!ring)
		return NULL;
	if (tp_ring_alloc_pages(ring, slot_count, node) < 0) {
		tp_ring_free(ring);
		return NULL;
	}
	kref_init(&ring->ref);
	init_waitqueue_head(&ring->wait);
	ring->slots = (u8 *)ring->hdr + PAGE_SIZE;
	ring->mask = slot_count - 1;
	tp_ring_init_hdr(ring->hdr, slot_count);
	return ring;
}

void tp_ring_get(struct tp_ring *ring)
{
	kref_get(&ring->ref);
}

static void tp_ring_release(struct kref *ref)
{
	tp_ring_free(container_of(ref, struct tp_ring, ref));
}

void tp_ring_put(struct tp_ring *ring)
{
	/* Say so on every put, not only on the last one that would vunmap. */
	might_sleep();
	kref_put(&ring->ref, tp_ring_release);
}

bool tp_ring_publish(struct tp_ring *ring)
{
	u64 head = tp_ring_head(ring->next_rec, ring->next_slot);

	/* A packet that brought this ring nothing wakes nobody. */
	if (head == ring->hdr->head)
		return false;
	/* Pairs with the readers' acquire loads of head: the stamps written
	 * before are visible to whoever sees the new head.
	 */
	smp_store_release(&ring->hdr->head, head);
	/* wq_has_sleeper() puts a full barrier between the store above and
	 * its look at the queue; a sleeper has one between queueing itself
	 * and reading head.  So either it sees the new head or we see it.
	 */
	return wq_has_sleeper(&ring->wait);
}

void tp_ring_wake(struct tp_ring *ring)
{
	wake_up_interruptible_poll(&ring->wait, EPOLLIN | EPOLLRDNORM);
}

void tp_ring_kill(struct tp_ring *ring)
{
	/* Release: a reader that sees the flag sees the last head too. */
	smp_store_release(&ring->hdr->flags,
			  ring->hdr->flags | TICKPATH_RING_F_DEAD);
	wake_up_all(&ring->wait);
}

void tp_ring_info(struct tp_ring *ring, struct tickpath_ring_info *info)
{
	info->mmap_size = tp_ring_mmap_size(ring);
	info->slot_count = ring->mask + 1;
	info->slots_offset = PAGE_SIZE;
	/* Pairs with the release in tp_ring_publish(). */
	info->head = smp_load_acquire(&ring->hdr->head);
}

u64 tp_ring_head_rec_now(struct tp_ring *ring)
{
	/* Pairs with the release in tp_ring_publish(). */
	return tp_ring_head_rec(smp_load_acquire(&ring->hdr->head));
}

bool tp_ring_passed(struct tp_ring *ring, u64 rec)
{
	return tp_ring_diff(tp_ring_head_rec_now(ring), rec) > 0;
}

bool tp_ring_dead(struct tp_ring *ring)
{
	/* Pairs with the release in tp_ring_kill(). */
	return smp_load_acquire(&ring->hdr->flags) & TICKPATH_RING_F_DEAD;
}

int tp_ring_mmap(struct tp_ring *ring, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff ||
	    vma->vm_end - vma->vm_start != tp_ring_mmap_size(ring))
		return -EINVAL;
	return remap_vmalloc_range(vma, ring->hdr, 0);
}
