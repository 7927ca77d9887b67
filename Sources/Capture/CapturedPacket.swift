import Primitives

/// One packet read from a capture; `bytes` is borrowed until the next call to `next()`.
///
/// `bytes` points into the reader's own buffer (or libpcap's): copy what must outlive the call.
/// `originalLength` is the length on the wire (may exceed `bytes.count` when the capture was cut at
/// the snapshot length). `interfaceIndex` is 0 for classic pcap; for pcapng it counts the Interface
/// Description Blocks of the file in order, across sections (so it equals the EPB interface ID in a
/// single-section file). `inputIndex` is the position of the file in the reader's input list.
package struct CapturedPacket {
    package var timestamp: Timestamp
    package var linkType: LinkType
    package var bytes: UnsafeRawBufferPointer
    package var originalLength: Int
    package var interfaceIndex: Int
    package var inputIndex: Int

    package init(timestamp: Timestamp, linkType: LinkType, bytes: UnsafeRawBufferPointer, originalLength: Int,
                 interfaceIndex: Int, inputIndex: Int = 0) {
        self.timestamp = timestamp
        self.linkType = linkType
        self.bytes = bytes
        self.originalLength = originalLength
        self.interfaceIndex = interfaceIndex
        self.inputIndex = inputIndex
    }
}
