import Foundation
import Testing
@testable import Live

@Suite("KeyLogFollower")
struct KeyLogFollowerTests {
    static func tempPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("consenttap-live-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    static func append(_ path: String, _ text: String) throws {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        h.closeFile()
    }

    @Test("complete lines only; a partial last line waits for its newline")
    func partial() throws {
        let path = Self.tempPath("keys.log")
        defer { Self.remove(path) }
        var f = KeyLogFollower(paths: [path], startAtEnd: false)
        #expect(f.poll() == "")                       // missing: retried, counted once
        #expect(f.missing == 1)
        try Self.append(path, "CLIENT_RANDOM aa bb\nCLIENT_TRAFFIC_SECRET_0 cc")
        #expect(f.poll() == "CLIENT_RANDOM aa bb\n")
        #expect(f.poll() == "")
        try Self.append(path, " dd\nSERVER_TRAFFIC_SECRET_0 ee ff\n")
        #expect(f.poll() == "CLIENT_TRAFFIC_SECRET_0 cc dd\nSERVER_TRAFFIC_SECRET_0 ee ff\n")
        #expect(f.linesRead == 3)
    }

    @Test("startAtEnd skips what the file already holds")
    func startAtEnd() throws {
        let path = Self.tempPath("keys.log")
        defer { Self.remove(path) }
        try Self.append(path, "OLD 1 2\n")
        var f = KeyLogFollower(paths: [path], startAtEnd: true)
        #expect(f.poll() == "")
        try Self.append(path, "NEW 3 4\n")
        #expect(f.poll() == "NEW 3 4\n")
    }

    @Test("rotation (rename and recreate) and truncation restart at the new file's beginning")
    func rotation() throws {
        let path = Self.tempPath("keys.log")
        defer { Self.remove(path) }
        try Self.append(path, "A 1 1\n")
        var f = KeyLogFollower(paths: [path], startAtEnd: false)
        #expect(f.poll() == "A 1 1\n")
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try Self.append(path, "B 2 2\n")
        #expect(f.poll() == "B 2 2\n")
        #expect(f.rotations == 1)
        // Truncate in place (copytruncate), then write less than before.
        try Data().write(to: URL(fileURLWithPath: path))
        try Self.append(path, "C 3\n")
        #expect(f.poll() == "C 3\n")
        #expect(f.rotations == 2)
    }

    @Test("an endless line is dropped at the cap and counted")
    func cap() throws {
        let path = Self.tempPath("keys.log")
        defer { Self.remove(path) }
        var f = KeyLogFollower(paths: [path], startAtEnd: false)
        f.maxPartialLine = 100
        try Self.append(path, String(repeating: "x", count: 150))
        #expect(f.poll() == "")
        #expect(f.droppedPartialLines == 1)
    }
}
