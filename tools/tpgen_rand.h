/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The seeded random numbers of tpgen: xoshiro256** seeded by splitmix64.
 * Every choice tpgen makes comes from one of these streams, so a seed
 * names a day and its misbehaviours exactly, on any host.
 */
#ifndef TPGEN_RAND_H
#define TPGEN_RAND_H

#include <stdbool.h>
#include <stdint.h>

struct tp_rand {
	uint64_t s[4];
};

static inline uint64_t tp_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* @stream separates the independent streams drawn from one seed. */
static inline void tp_rand_seed(struct tp_rand *r, uint64_t seed,
				uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = tp_splitmix64(&x);
}

static inline uint64_t tp_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t tp_rand_u64(struct tp_rand *r)
{
	uint64_t *s = r->s;
	uint64_t out = tp_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = tp_rotl(s[3], 45);
	return out;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is < 2^-32). */
static inline uint32_t tp_rand_below(struct tp_rand *r, uint32_t n)
{
	return (uint32_t)(((tp_rand_u64(r) >> 32) * n) >> 32);
}

/* Uniform in [0, 1). */
static inline double tp_rand_unit(struct tp_rand *r)
{
	return (double)(tp_rand_u64(r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline bool tp_rand_chance(struct tp_rand *r, double p)
{
	return tp_rand_unit(r) < p;
}

/* Geometric: the number of failures before a success of probability p. */
static inline uint32_t tp_rand_geometric(struct tp_rand *r, double p,
					 uint32_t max)
{
	uint32_t n = 0;

	while (n < max && !tp_rand_chance(r, p))
		n++;
	return n;
}

#endif /* TPGEN_RAND_H */
