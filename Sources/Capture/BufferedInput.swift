#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A large read buffer over a file descriptor, for the built-in pcap and pcapng readers.
///
/// Reads with `read(2)` in chunks of up to the buffer capacity (4 MiB by default, at least 1 MiB),
/// so regular files, pipes and standard input all work and nothing needs seeking. `require(n)`
/// makes `n` bytes visible at the read position; `bytes(n)` views them; `consume(n)` moves on.
/// Views are borrowed: valid until the next `require` (which may move or grow the buffer).
///
/// Limits: the buffer grows only as data actually arrives (doubling), never beyond `maximumCapacity`;
/// a caller asking for more than that gets `false`, as if the input had ended. A read error ends
/// the input and is kept in `readError` (errno).
final class BufferedInput {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private let maximumCapacity: Int
    private var start = 0
    private var end = 0
    private var ended = false

    /// Input offset of the read position (bytes consumed so far).
    private(set) var offset: Int64 = 0
    /// errno of a failed read, if reading stopped on one.
    private(set) var readError: Int32?

    init(fileDescriptor: Int32, ownsDescriptor: Bool, capacity: Int = 4 << 20, maximumCapacity: Int = 300 << 20) {
        self.fd = fileDescriptor
        self.ownsDescriptor = ownsDescriptor
        self.capacity = max(capacity, 1 << 16)
        self.maximumCapacity = max(maximumCapacity, self.capacity)
        self.storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
        if ownsDescriptor { _ = close(fd) }
    }

    /// Bytes buffered at the read position.
    var available: Int { end - start }

    /// Makes at least `count` bytes available at the read position; `false` when the input ends first
    /// (then `available` tells how many remain).
    func require(_ count: Int) -> Bool {
        if end - start >= count { return true }
        guard count <= maximumCapacity else { return false }
        while end - start < count {
            if ended { return false }
            if end == capacity {
                if start > 0 {
                    compact()
                } else {
                    grow(toAtLeast: min(max(capacity * 2, 1), maximumCapacity))
                }
            }
            if start + count > capacity, start > 0 { compact() }
            let got = read(fd, storage + end, capacity - end)
            if got > 0 {
                end += got
            } else if got == 0 {
                ended = true
            } else if errno != EINTR {
                readError = errno
                ended = true
            }
        }
        return true
    }

    /// Borrowed view of `count` bytes at the read position; requires `available >= count`.
    @inline(__always) func bytes(_ count: Int) -> UnsafeRawBufferPointer {
        precondition(count <= end - start, "BufferedInput.bytes beyond require()")
        return UnsafeRawBufferPointer(start: storage + start, count: count)
    }

    /// Moves the read position by `count` bytes; requires `available >= count`.
    @inline(__always) func consume(_ count: Int) {
        precondition(count <= end - start, "BufferedInput.consume beyond require()")
        start += count
        offset += Int64(count)
    }

    private func compact() {
        let live = end - start
        if live > 0 { storage.copyMemory(from: storage + start, byteCount: live) }
        start = 0
        end = live
    }

    private func grow(toAtLeast newCapacity: Int) {
        guard newCapacity > capacity else { return }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        bigger.copyMemory(from: storage + start, byteCount: end - start)
        storage.deallocate()
        storage = bigger
        end -= start
        start = 0
        capacity = newCapacity
    }
}
