#!/usr/bin/env python3
"""genl.py CMD [ATTR=TYPE:VALUE ...]: send one raw tickpath request.

For tests that must hand the kernel requests tpctl would never build (a
value out of range, a wrong type, an unknown attribute).  ATTR is a number
or a TICKPATH_A_* suffix (PORT_MODE); TYPE is u8, u16, u32, u64, str (NUL
terminated) or raw (hex).  Prints "errno MESSAGE" from the kernel's ack:
0 and no message on success.  Exits 0 whenever an ack came back.
"""
import os
import re
import socket
import struct
import sys

NETLINK_GENERIC, NLM_F_REQUEST, NLM_F_ACK, NLMSG_ERROR = 16, 1, 4, 2
GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 16, 3, 1, 2
NETLINK_EXT_ACK, NETLINK_CAP_ACK, SOL_NETLINK = 11, 10, 270
NLM_F_CAPPED, NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG = 0x100, 0x200, 1


def uapi_enum(prefix):
    """name -> value for the enum members starting with prefix, read from
    the uapi header itself so the test and the ABI cannot drift apart."""
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "..", "uapi", "linux", "tickpath.h")).read()
    values = {}
    for body in re.findall(r"enum \w+ \{(.*?)\};", text, re.S):
        names = re.findall(r"^\s*(\w+),", body, re.M)
        for i, name in enumerate(names):
            if name.startswith(prefix):
                values[name[len(prefix):]] = i
    return values


def attr(kind, value, typ):
    fmt = {"u8": "B", "u16": "H", "u32": "I", "u64": "Q"}
    if typ in fmt:
        data = struct.pack(fmt[typ], int(value, 0))
    elif typ == "str":
        data = value.encode() + b"\0"
    else:
        data = bytes.fromhex(value)
    return struct.pack("HH", 4 + len(data), kind) + data + bytes(-len(data) % 4)


def request(sock, family, cmd, payload, seq):
    msg = struct.pack("BBH", cmd, 1, 0) + payload
    sock.send(struct.pack("IHHII", 16 + len(msg), family, NLM_F_REQUEST | NLM_F_ACK, seq, 0) + msg)
    replies = b""
    while True:
        data = sock.recv(65536)
        off = 0
        while off < len(data):
            length, typ, flags, _, _ = struct.unpack_from("IHHII", data, off)
            if typ == NLMSG_ERROR:
                (err,) = struct.unpack_from("i", data, off + 16)
                tlv = off + 16 + 4 + 16  # errno, then the capped request header
                if not flags & NLM_F_CAPPED:
                    tlv += struct.unpack_from("I", data, off + 20)[0] - 16
                text = ""
                while flags & NLM_F_ACK_TLVS and tlv + 4 <= off + length:
                    alen, akind = struct.unpack_from("HH", data, tlv)
                    if akind == NLMSGERR_ATTR_MSG:
                        text = data[tlv + 4:tlv + alen].rstrip(b"\0").decode()
                    tlv += (alen + 3) & ~3
                return err, text, replies
            replies += data[off:off + length]
            off += (length + 3) & ~3


def main():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    err, text, replies = request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                 attr(CTRL_ATTR_FAMILY_NAME, "tickpath", "str"), 1)
    if err:
        sys.exit(f"tickpath family: {os.strerror(-err)}")
    family, off = None, 16 + 4
    while off + 4 <= len(replies):
        alen, akind = struct.unpack_from("HH", replies, off)
        if akind == CTRL_ATTR_FAMILY_ID:
            family = struct.unpack_from("H", replies, off + 4)[0]
        off += max(4, (alen + 3) & ~3)
    cmds, attrs = uapi_enum("TICKPATH_CMD_"), uapi_enum("TICKPATH_A_")
    payload = b""
    for spec in sys.argv[2:]:
        name, typed = spec.split("=", 1)
        typ, value = typed.split(":", 1)
        payload += attr(int(attrs.get(name, name)), value, typ)
    err, text, _ = request(sock, family, cmds[sys.argv[1]], payload, 2)
    print(-err, text)


main()
