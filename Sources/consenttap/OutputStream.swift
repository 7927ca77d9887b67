#if canImport(Glibc)
import Glibc
#endif

/// A large write buffer in front of a file descriptor (stdout): output rows are appended and flushed
/// in big writes. Not thread-safe; the CLI writes from one thread.
final class OutputStream {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(capacity)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// `bytes` (borrowed) and a line feed.
    func writeLine(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= capacity { flush() }
    }

    /// `bytes` and a line feed.
    func writeLine(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= capacity { flush() }
    }

    func flush() {
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    return  // reader went away (e.g. `| head`): drop the rest quietly
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes one line to standard error, unbuffered (summaries, errors).
func printError(_ line: String) {
    writeStandardError(line + "\n")
}

func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { if n < 0, errno == EINTR { continue }; return }
            offset += n
        }
    }
}
