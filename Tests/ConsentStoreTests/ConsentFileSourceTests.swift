import Consent
import ConsentStore
import Foundation
import Primitives
import Testing

@Suite("ConsentFileSource")
struct ConsentFileSourceTests {
    @Test("reads a whole file, a last line without LF included, bad lines reported by number")
    func readAll() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        try writeText(path, Lines.annGrant + "\r\n\n" + Lines.noTs + "\n" + Lines.unknownKey + "\n" + Lines.bob)
        let batch = try ConsentFileSource.readAll(path: path)
        #expect(batch.entries.count == 3)
        #expect(batch.problems.filter { $0.severity == .error }.map(\.line) == [3])
        #expect(batch.problems.filter { $0.severity == .warning }.map(\.line) == [4])
        #expect(batch.entries.map(\.record.line) == [1, 4, 5])
    }

    @Test("a missing file is an I/O error for readAll, a wait for poll")
    func missing() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        #expect(throws: ConsentStoreError.self) { try ConsentFileSource.readAll(path: dir.file("none")) }
        var s = ConsentFileSource(path: dir.file("later.jsonl"))
        #expect(s.poll().entries.isEmpty)
        #expect(s.poll().entries.isEmpty)
        #expect(s.counters["consent_file_missing"] == 1)
        try writeText(dir.file("later.jsonl"), Lines.annGrant + "\n")
        #expect(s.poll().entries.count == 1)
    }

    @Test("follow: appended lines are picked up, a partial line waits for its newline")
    func follow() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        try writeText(path, Lines.annGrant + "\n")
        var s = ConsentFileSource(path: path)
        #expect(s.poll().entries.count == 1)
        #expect(s.poll().entries.isEmpty)
        let half = Lines.bob.utf8.count / 2
        try appendText(path, String(Lines.bob.prefix(half)))
        #expect(s.poll().entries.isEmpty)   // waits
        try appendText(path, String(Lines.bob.dropFirst(half)) + "\n" + Lines.carol + "\n")
        let b = s.poll()
        #expect(b.entries.count == 2)
        #expect(b.problems.isEmpty)
        #expect(b.entries.map(\.record.line) == [2, 3])
    }

    @Test("follow survives rename rotation: old file finished, new file read from its start")
    func renameRotation() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        try writeText(path, Lines.annGrant + "\n")
        var s = ConsentFileSource(path: path)
        #expect(s.poll().entries.count == 1)
        // The writer adds a line, then logrotate renames and a new file appears.
        try appendText(path, Lines.annDeny + "\n")
        try FileManager.default.moveItem(atPath: path, toPath: dir.file("feed.jsonl.1"))
        #expect(s.poll().entries.count == 1)   // renamed, no new file yet: old one still read
        try appendText(dir.file("feed.jsonl.1"), Lines.bob + "\n")   // late write to the old file
        try writeText(path, Lines.carol + "\n")
        let b = s.poll()
        // bob from the old file, carol from the new one.
        #expect(b.entries.map { $0.record.identifiers[0].kind } == [.userId, .gaClientId])
        #expect(s.counters["consent_file_rotated"] == 1)
        try appendText(path, Lines.unknownKey + "\n")
        #expect(s.poll().entries.count == 1)
    }

    @Test("follow survives copytruncate: reading restarts at offset 0")
    func copyTruncate() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        try writeText(path, Lines.annGrant + "\n" + Lines.annDeny + "\n")
        var s = ConsentFileSource(path: path)
        #expect(s.poll().entries.count == 2)
        // copytruncate: copy elsewhere, truncate in place (same inode), the writer goes on.
        try FileManager.default.copyItem(atPath: path, toPath: dir.file("feed.jsonl.1"))
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: 0)
        try h.close()
        try appendText(path, Lines.bob + "\n")
        let b = s.poll()
        #expect(b.entries.count == 1)
        #expect(b.entries.first?.record.identifiers.first?.kind == .userId)
        #expect(s.counters["consent_file_truncated"] == 1)
    }

    @Test("an overlong line is skipped without being buffered, the next line still counts")
    func longLine() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        var s = ConsentFileSource(path: path, maxLineLength: 256)
        try writeText(path, String(repeating: "x", count: 200))
        #expect(s.poll().entries.isEmpty)
        try appendText(path, String(repeating: "y", count: 10_000) + "\n" + Lines.annGrant + "\n")
        let b = s.poll()
        #expect(b.entries.count == 1)
        #expect(b.problems.map(\.line) == [1])
        #expect(s.counters["consent_feed_line_too_long"] == 1)
    }

    @Test("the same lines give the same records however the file grows (drip feed)")
    func dripFeed() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        let text = [Lines.annGrant, Lines.noTs, Lines.bob, "", Lines.carol].joined(separator: "\n") + "\n"
        let whole = try ConsentFileSource.readAll(path: { try writeText(path, text); return path }())
        try writeText(path, "")
        var s = ConsentFileSource(path: path)
        var got = ConsentFeedBatch()
        var rng = SystemRandomNumberGenerator()
        var rest = Substring(text)
        while !rest.isEmpty {
            let n = Int.random(in: 1...17, using: &rng)
            try appendText(path, String(rest.prefix(n)))
            rest = rest.dropFirst(n)
            let b = s.poll()
            got.entries += b.entries
            got.problems += b.problems
        }
        #expect(got == whole)
    }

    @Test("the follower thread polls with an injected sleep and hands batches over")
    func follower() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("feed.jsonl")
        try writeText(path, Lines.annGrant + "\n")
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var records = 0
            var sleeps = 0
            var lastSleep: Duration = .zero
        }
        let box = Box()
        let follower = ConsentFileFollower(source: ConsentFileSource(path: path), interval: .milliseconds(200),
                                           sleep: { d in
                                               box.lock.lock(); box.sleeps += 1; box.lastSleep = d; box.lock.unlock()
                                               usleep(2_000)
                                           },
                                           handler: { b in box.lock.lock(); box.records += b.entries.count; box.lock.unlock() })
        follower.start()
        try appendText(path, Lines.bob + "\n")
        var waited = 0
        while waited < 500 {
            box.lock.lock(); let n = box.records; box.lock.unlock()
            if n == 2 { break }
            usleep(10_000)
            waited += 1
        }
        follower.stop()
        box.lock.lock()
        defer { box.lock.unlock() }
        #expect(box.records == 2)
        #expect(box.sleeps > 0)
        #expect(box.lastSleep == .milliseconds(200))
    }
}
