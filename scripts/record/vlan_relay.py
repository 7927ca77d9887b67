#!/usr/bin/env python3
"""One end of a userspace 802.1Q trunk: bridges a TAP device to a veth that carries tagged frames.

Used by scripts/record-captures for the VLAN capture because the kernel here may lack the 8021q
module (no `ip link add ... type vlan`). Two relays, one per namespace, make this path:
  tap (untagged, has the IP) <-> relay: push tag VID <-> veth trunk (tagged frames) <-> relay: pop <-> tap
tcpdump on the trunk veth records real 802.1Q frames of real client traffic.
Frames arriving on the trunk with another VLAN, or untagged, are dropped. On receive the kernel
usually moves the tag into packet metadata; it is read back with PACKET_AUXDATA.
Usage (inside the namespace): vlan_relay.py --tap NAME --trunk IFACE --vid N. Standard library only.
"""
import argparse
import fcntl
import os
import select
import socket
import struct

TUNSETIFF = 0x400454ca
IFF_TAP, IFF_NO_PI = 0x0002, 0x1000
SOL_PACKET, PACKET_AUXDATA = 263, 8
TP_STATUS_VLAN_VALID = 0x10
PACKET_OUTGOING = 4
ETH_P_ALL = 0x0003
AUX = struct.Struct('=IIIHHHH')


def open_tap(name):
    fd = os.open('/dev/net/tun', os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def untag(frame, ancdata, vid):
    """Returns the untagged frame if it belongs to vid, else None."""
    for level, kind, data in ancdata:
        if level == SOL_PACKET and kind == PACKET_AUXDATA and len(data) >= AUX.size:
            status, _, _, _, _, tci, _ = AUX.unpack(data[:AUX.size])
            if status & TP_STATUS_VLAN_VALID:
                return frame if tci & 0x0FFF == vid else None
    if len(frame) >= 18 and frame[12:14] == b'\x81\x00':
        tci = int.from_bytes(frame[14:16], 'big')
        return frame[:12] + frame[16:] if tci & 0x0FFF == vid else None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tap', required=True)
    ap.add_argument('--trunk', required=True)
    ap.add_argument('--vid', type=int, required=True)
    a = ap.parse_args()
    tap = open_tap(a.tap)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.bind((a.trunk, 0))
    tag = struct.pack('!HH', 0x8100, a.vid)
    print('relay up', flush=True)
    while True:
        readable, _, _ = select.select([tap, s], [], [])
        if tap in readable:
            frame = os.read(tap, 65536)
            if len(frame) >= 14:
                s.send(frame[:12] + tag + frame[12:])
        if s in readable:
            frame, anc, _, addr = s.recvmsg(65536, socket.CMSG_SPACE(AUX.size))
            if addr[2] == PACKET_OUTGOING:
                continue
            inner = untag(frame, anc, a.vid)
            if inner is not None:
                os.write(tap, inner)


if __name__ == '__main__':
    main()
