#!/usr/bin/env python3
"""pcap_variants.py IN OUT HOW: rewrites tpgen's pcap for tpcat's reader.

HOW is one of
  usec-be   microsecond timestamps, big-endian headers
  sll       Linux cooked capture (link type 113)
  sll2      Linux cooked capture v2 (link type 276)
  raw       raw IPv4 (link type 101)
  vlan      Ethernet with an 802.1Q tag
  damaged   frames 10, 20, ... 80 damaged, one way each: IPv4 checksum,
            UDP checksum, IPv4 total length, UDP length, a fragment,
            captured short, a TCP segment, an ARP frame (see DAMAGES)
"""
import struct
import sys

DAMAGES = ["ip_csum", "udp_csum", "ip_len", "udp_len", "fragment",
           "short", "tcp", "arp"]


def read(path):
    data = open(path, "rb").read()
    assert struct.unpack_from("<I", data)[0] == 0xA1B23C4D
    off, frames = 24, []
    while off < len(data):
        sec, nsec, caplen, length = struct.unpack_from("<IIII", data, off)
        frames.append([sec, nsec, data[off + 16:off + 16 + caplen], length])
        off += 16 + caplen
    return frames


def write(path, frames, linktype, endian="<", magic=0xA1B23C4D):
    out = [struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, 262144, linktype)]
    for sec, frac, frame, length in frames:
        out.append(struct.pack(endian + "IIII", sec, frac, len(frame), length))
        out.append(frame)
    open(path, "wb").write(b"".join(out))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def fix_ip_csum(ip):
    ip[10:12] = b"\0\0"
    ip[10:12] = struct.pack("!H", csum(bytes(ip[:20])))


def damage(frame, how):
    f = bytearray(frame)
    ip = memoryview(f)[14:]
    if how == "ip_csum":
        ip[10] ^= 0xFF
    elif how == "udp_csum":
        ip[26] ^= 0xFF
    elif how == "ip_len":
        ip[2:4] = struct.pack("!H", len(ip) + 1)
        fix_ip_csum(ip)
    elif how == "udp_len":
        ip[24:26] = struct.pack("!H", len(ip) - 20 + 1)
    elif how == "fragment":
        ip[6:8] = b"\x20\x00"
        fix_ip_csum(ip)
    elif how == "tcp":
        ip[9] = 6
        fix_ip_csum(ip)
    elif how == "arp":
        f[12:14] = b"\x08\x06"
    return bytes(f)


def main():
    src, dst, how = sys.argv[1:4]
    frames = read(src)
    if how == "usec-be":
        frames = [[s, n // 1000, f, l] for s, n, f, l in frames]
        write(dst, frames, 1, ">", 0xA1B2C3D4)
    elif how in ("sll", "sll2"):
        for fr in frames:
            eth, rest = fr[2][:14], fr[2][14:]
            if how == "sll":
                head = struct.pack("!HHH", 0, 1, 6) + eth[6:12] + b"\0\0" + eth[12:14]
            else:
                head = eth[12:14] + b"\0\0" + struct.pack("!IHBB", 2, 1, 0, 6) + eth[6:12] + b"\0\0"
            fr[2] = head + rest
            fr[3] = len(fr[2])
        write(dst, frames, 113 if how == "sll" else 276)
    elif how == "raw":
        for fr in frames:
            fr[2] = fr[2][14:]
            fr[3] = len(fr[2])
        write(dst, frames, 101)
    elif how == "vlan":
        for fr in frames:
            fr[2] = fr[2][:12] + b"\x81\x00\x00\x07" + fr[2][12:]
            fr[3] = len(fr[2])
        write(dst, frames, 1)
    elif how == "damaged":
        for i, fr in enumerate(frames[10::10][:len(DAMAGES)]):
            kind = DAMAGES[i % len(DAMAGES)]
            if kind == "short":
                fr[2] = fr[2][:len(fr[2]) // 2]
            else:
                fr[2] = damage(fr[2], kind)
        write(dst, frames, 1)


if __name__ == "__main__":
    main()
