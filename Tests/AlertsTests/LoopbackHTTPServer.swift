import Foundation
import Testing

/// A tiny scripted HTTP server on 127.0.0.1 (ephemeral port) for webhook tests: answers the n-th
/// request with `statuses[n]` (the last one repeats) and records each request's head and body.
final class LoopbackHTTPServer: @unchecked Sendable {
    struct Request {
        var head: String
        var body: [UInt8]
        func header(_ name: String) -> String? {
            for line in head.components(separatedBy: "\r\n") {
                if let c = line.firstIndex(of: ":"), line[..<c].lowercased() == name.lowercased() {
                    return line[line.index(after: c)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    let port: UInt16
    private let fd: Int32
    private let statuses: [Int]
    private let lock = NSLock()
    private var received: [Request] = []
    private let done = DispatchSemaphore(value: 0)
    private let expected: Int

    /// Serves `expected` requests, then stops.
    init(statuses: [Int], expected: Int) throws {
        self.statuses = statuses
        self.expected = expected
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = 0
        a.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(rc == 0 && listen(fd, 8) == 0)
        var b = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &b) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = UInt16(bigEndian: b.sin_port)
        self.port = port
        let t = Thread { [self] in self.run() }
        t.start()
    }

    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits (at most 10 s) until every expected request was served.
    func wait() -> Bool { done.wait(timeout: .now() + 10) == .success }

    private func run() {
        defer {
            close(fd)
            done.signal()
        }
        for i in 0..<expected {
            let c = accept(fd, nil, nil)
            guard c >= 0 else { return }
            var tv = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var data: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 65536)
            var headEnd: Int?
            var length = 0
            while true {
                if headEnd == nil, let r = findHeadEnd(data) {
                    headEnd = r
                    let head = String(decoding: data[..<r], as: UTF8.self)
                    for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                        length = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
                if let h = headEnd, data.count >= h + 4 + length { break }
                let n = buf.withUnsafeMutableBytes { recv(c, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                data += buf[0..<n]
            }
            if let h = headEnd {
                let req = Request(head: String(decoding: data[..<h], as: UTF8.self), body: Array(data[(h + 4)...].prefix(length)))
                lock.lock()
                received.append(req)
                lock.unlock()
            }
            let status = statuses[min(i, statuses.count - 1)]
            let answer = "HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = answer.withCString { send(c, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            close(c)
        }
    }

    private func findHeadEnd(_ d: [UInt8]) -> Int? {
        guard d.count >= 4 else { return nil }
        for i in 0...(d.count - 4) where d[i] == 13 && d[i + 1] == 10 && d[i + 2] == 13 && d[i + 3] == 10 { return i }
        return nil
    }
}

/// Collects what injected closures receive.
final class Recorder<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ t: T) { lock.lock(); items.append(t); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}
