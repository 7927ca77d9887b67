#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `strerror` text for an errno value, e.g. "No such file or directory (errno 2)".
func describeErrno(_ value: Int32) -> String {
    if let text = strerror(value) { return String(cString: text) + " (errno \(value))" }
    return "errno \(value)"
}

/// Reads up to `count` bytes at `offset` without moving the descriptor's position; fewer at EOF.
func preadFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
    var done = 0
    while done < buffer.count {
        let got = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
        if got > 0 { done += got } else if got == 0 || errno != EINTR { break }
    }
    return done
}
