#if canImport(Glibc)
import Glibc
#endif

/// Follows NSS key log files as they grow (`tail -F` style, by polling): each `poll()` returns the
/// complete lines appended since the last call.
///
/// A partial last line is held until its newline arrives (capped at `maxPartialLine` bytes, then
/// dropped and counted in `droppedPartialLines`). Rotation is survived: when the path names another
/// file (inode or device changed) or the file shrank (truncated), reading restarts at its beginning.
/// A missing file is retried on every poll (counted once per disappearance in `missing`). At most
/// `maxReadPerPoll` bytes are read per file per poll, the rest comes on the next polls. Not
/// thread-safe: one thread polls.
package struct KeyLogFollower {
    private struct Followed {
        var path: String
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var offset: Int64 = 0
        var partial: [UInt8] = []
        var wasMissing = false
        var opened = false
    }

    private var files: [Followed]
    package var maxPartialLine = 64 << 10
    package var maxReadPerPoll = 4 << 20
    package private(set) var droppedPartialLines: UInt64 = 0
    package private(set) var rotations: UInt64 = 0
    package private(set) var missing: UInt64 = 0
    package private(set) var linesRead: UInt64 = 0

    /// `startAtEnd`: skip what the files hold now (when they were loaded whole already).
    package init(paths: [String], startAtEnd: Bool) {
        files = paths.map { Followed(path: $0) }
        if startAtEnd {
            for i in files.indices {
                var st = stat()
                if stat(files[i].path, &st) == 0 {
                    files[i].device = UInt64(st.st_dev)
                    files[i].inode = UInt64(st.st_ino)
                    files[i].offset = Int64(st.st_size)
                    files[i].opened = true
                }
            }
        }
    }

    package var paths: [String] { files.map(\.path) }

    /// The complete new lines of every file, joined with newlines (empty when nothing new).
    package mutating func poll() -> String {
        var out: [UInt8] = []
        var list = files
        for i in list.indices { read(&list[i], into: &out) }
        files = list
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func read(_ f: inout Followed, into out: inout [UInt8]) {
        var st = stat()
        guard stat(f.path, &st) == 0 else {
            if !f.wasMissing { missing += 1; f.wasMissing = true }
            return
        }
        f.wasMissing = false
        let device = UInt64(st.st_dev), inode = UInt64(st.st_ino), size = Int64(st.st_size)
        if f.opened, device != f.device || inode != f.inode || size < f.offset {
            rotations += 1
            f.offset = 0
            f.partial.removeAll()
        }
        f.opened = true
        f.device = device
        f.inode = inode
        guard size > f.offset else { return }
        let fd = open(f.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let want = Int(min(size - f.offset, Int64(maxReadPerPoll)))
        var buffer = [UInt8](repeating: 0, count: want)
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            var done = 0
            while done < want {
                let n = pread(fd, raw.baseAddress! + done, want - done, off_t(f.offset) + off_t(done))
                if n > 0 { done += n } else if n == 0 || errno != EINTR { break }
            }
            return done
        }
        guard got > 0 else { return }
        f.offset += Int64(got)
        buffer.removeSubrange(got...)
        guard let lastNewline = buffer.lastIndex(of: 0x0A) else {
            f.partial.append(contentsOf: buffer)
            capPartial(&f)
            return
        }
        out.append(contentsOf: f.partial)
        out.append(contentsOf: buffer[...lastNewline])
        linesRead += UInt64(buffer[...lastNewline].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        f.partial = Array(buffer[(lastNewline + 1)...])
        capPartial(&f)
    }

    private mutating func capPartial(_ f: inout Followed) {
        if f.partial.count > maxPartialLine {
            f.partial.removeAll()
            droppedPartialLines += 1
        }
    }
}
