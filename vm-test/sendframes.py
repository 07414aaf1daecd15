#!/usr/bin/env python3
"""sendframes.py IFNAME COUNT SIZE: send COUNT Ethernet frames of SIZE bytes.

Frames go to the broadcast address with the IEEE local experimental
EtherType (0x88b5), which no protocol handler of the receiving stack
claims, and carry their index so they are all distinct.
"""
import socket
import struct
import sys

ifname, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if size < 14 + 4:
    sys.exit("SIZE must hold an Ethernet header and a 4-byte index")
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
src = s.getsockname()[4]
for i in range(count):
    frame = b"\xff" * 6 + src + struct.pack("!HI", 0x88B5, i)
    sent = s.send(frame + bytes(size - len(frame)))
    if sent != size:
        sys.exit(f"short send: {sent} of {size} bytes")
