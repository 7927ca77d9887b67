#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input of a `CaptureReader`: a path (`"-"` is standard input) or an open file descriptor.
package enum CaptureInput: Sendable, Hashable {
    /// A file path; `"-"` means standard input.
    case path(String)
    /// An open descriptor (a pipe, a socket, stdin); read with the built-in readers, never seeked,
    /// and not closed by the reader. `name` stands for the path in error messages.
    case fileDescriptor(Int32, name: String)
}

/// Which reader handles classic pcap files given by path. Descriptors and stdin always use the
/// built-in reader (their magic has already been consumed, and libpcap wants a fresh stream).
package enum ClassicPcapReader: Sendable, Hashable {
    case libpcap
    case builtIn
}

/// What opening one input produced: a source, or a damage record when the input ended inside its
/// first bytes (empty, or cut inside the magic number or the file header).
enum OpenedInput {
    case source(any PacketSource, regularFileSize: Int64?)
    case damaged(CaptureError, regularFileSize: Int64?)
}

enum InputOpener {
    static let pcapngMagic: UInt32 = 0x0A0D_0D0A
    private static let knownMagics: [UInt32] = [
        PcapFileHeader.microsecondMagic, PcapFileHeader.nanosecondMagic,
        PcapFileHeader.microsecondMagic.byteSwapped, PcapFileHeader.nanosecondMagic.byteSwapped, pcapngMagic,
    ]

    /// Opens `input` and picks the reader from its magic number. Throws `cannotOpen` or `notACapture`.
    static func open(_ input: CaptureInput, index: Int, classic: ClassicPcapReader,
                     bufferCapacity: Int) throws(CaptureError) -> OpenedInput {
        switch input {
        case .fileDescriptor(let fd, let name):
            return try openStream(fd: fd, owns: false, path: name, index: index, bufferCapacity: bufferCapacity, size: nil)
        case .path("-"):
            return try openStream(fd: STDIN_FILENO, owns: false, path: "-", index: index, bufferCapacity: bufferCapacity, size: nil)
        case .path(let path):
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw CaptureError(kind: .cannotOpen, path: path, message: "cannot open: \(describeErrno(errno))")
            }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let e = errno
                _ = close(fd)
                throw CaptureError(kind: .cannotOpen, path: path, message: "cannot stat: \(describeErrno(e))")
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                _ = close(fd)
                throw CaptureError(kind: .cannotOpen, path: path, message: "cannot read: is a directory")
            }
            guard type == S_IFREG else {
                return try openStream(fd: fd, owns: true, path: path, index: index, bufferCapacity: bufferCapacity, size: nil)
            }
            let size = Int64(info.st_size)
            var magic = [UInt8](repeating: 0, count: 4)
            let got = magic.withUnsafeMutableBytes { preadFully(fd, into: $0, at: 0) }
            let isClassic = got == 4 && magic.withUnsafeBytes { PcapFileHeader.isMagic($0) }
            if isClassic, classic == .libpcap {
                do {
                    return .source(try LibpcapSource(fileDescriptor: fd, fileSize: size, path: path, inputIndex: index),
                                   regularFileSize: size)
                } catch where error.kind == .truncated {
                    return .damaged(error, regularFileSize: size)
                }
            }
            return try openStream(fd: fd, owns: true, path: path, index: index, bufferCapacity: bufferCapacity, size: size)
        }
    }

    /// Opens a descriptor with the built-in readers, peeking the magic from the read buffer.
    private static func openStream(fd: Int32, owns: Bool, path: String, index: Int, bufferCapacity: Int,
                                   size: Int64?) throws(CaptureError) -> OpenedInput {
        enlargePipe(fd)
        let input = BufferedInput(fileDescriptor: fd, ownsDescriptor: owns, capacity: bufferCapacity)
        guard input.require(4) else {
            if let e = input.readError {
                throw CaptureError(kind: .cannotOpen, path: path, message: "cannot read: \(describeErrno(e))")
            }
            let head = input.bytes(input.available)
            let isPrefix = knownMagics.contains { magic in
                withUnsafeBytes(of: magic.littleEndian) { m in head.indices.allSatisfy { head[$0] == m[$0] } }
            }
            guard isPrefix else { throw notACapture(path: path, first: head) }
            return .damaged(CaptureError(kind: .truncated, path: path, offset: 0,
                                         message: "truncated file at offset 0: expected a 4-byte capture magic number, \(head.count) bytes remain"),
                            regularFileSize: size)
        }
        let magic = input.bytes(4)
        if PcapFileHeader.isMagic(magic) {
            do {
                return .source(try PcapStreamSource(input: input, path: path, inputIndex: index), regularFileSize: size)
            } catch where error.kind == .truncated {
                return .damaged(error, regularFileSize: size)
            }
        }
        if magic.loadLittleEndianUInt32(at: 0) == pcapngMagic {
            return .source(PcapngSource(input: input, path: path, inputIndex: index), regularFileSize: size)
        }
        throw notACapture(path: path, first: magic)
    }

    /// Linux `F_SETPIPE_SZ` (not exported by the Glibc module).
    private static let setPipeSize: Int32 = 1031

    /// Asks for a 1 MiB pipe buffer when `fd` is a pipe, so reads from a pipe come in larger
    /// chunks (200 MB from `cat` arrive in ~270 reads instead of ~3200). Failure is harmless.
    private static func enlargePipe(_ fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return }
        _ = fcntl(fd, setPipeSize, Int32(1 << 20))
    }

    private static func notACapture(path: String, first: UnsafeRawBufferPointer) -> CaptureError {
        let found = first.map { PcapRecordDiagnosis.hex(UInt32($0)).suffix(2) }.joined()
        return CaptureError(kind: .notACapture, path: path, offset: 0,
                            message: "not a pcap or pcapng file at offset 0: expected magic a1b2c3d4, a1b23c4d (either byte order) or 0a0d0d0a, found \(found.isEmpty ? "nothing" : found)")
    }
}
