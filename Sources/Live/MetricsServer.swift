import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on a POSIX socket for `/metrics` (Prometheus text) and `/healthz`.
///
/// One thread accepts and answers one connection at a time (scrapes are rare); each answer closes
/// its connection. A request head is read up to 8 KiB with a 2 s receive timeout; anything else than
/// `GET /metrics`, `GET /healthz` (or HEAD) gets 404 or 405. The socket is bound in `init` (so that
/// it can happen before privileges are dropped) and served by `run()` until `stop()`.
package final class MetricsServer: @unchecked Sendable {
    private let fd: Int32
    private let stopping = Atomic<Bool>(false)
    private let metrics: @Sendable () -> String
    private let health: @Sendable () -> (ok: Bool, text: String)
    /// The port bound (useful when 0 was asked).
    package let port: UInt16

    package struct BindError: Error, CustomStringConvertible {
        package var description: String
    }

    package init(address: MetricsAddress, metrics: @escaping @Sendable () -> String,
                 health: @escaping @Sendable () -> (ok: Bool, text: String)) throws(BindError) {
        self.metrics = metrics
        self.health = health
        let v6 = address.host.contains(":")
        let s = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw BindError(description: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var bound: Int32
        if v6 {
            var sa = sockaddr_in6()
            sa.sin6_family = sa_family_t(AF_INET6)
            sa.sin6_port = address.port.bigEndian
            guard inet_pton(AF_INET6, address.host, &sa.sin6_addr) == 1 else { close(s); throw BindError(description: "bad IPv6 address \(address.host)") }
            bound = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        } else {
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_port = address.port.bigEndian
            guard inet_pton(AF_INET, address.host, &sa.sin_addr) == 1 else { close(s); throw BindError(description: "bad IPv4 address \(address.host)") }
            bound = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        }
        guard bound == 0, listen(s, 16) == 0 else {
            let text = String(cString: strerror(errno))
            close(s)
            throw BindError(description: "cannot listen on \(address.host):\(address.port): \(text)")
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) } }
        port = withUnsafePointer(to: &storage) { p in
            v6 ? p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
               : p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        fd = s
    }

    deinit { close(fd) }

    package func stop() { stopping.store(true, ordering: .releasing) }

    /// Serves until `stop()` (checked every 200 ms).
    package func run() {
        while !stopping.load(ordering: .acquiring) {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 200) > 0 else { continue }
            let c = accept(fd, nil, nil)
            guard c >= 0 else { continue }
            serve(c)
            close(c)
        }
    }

    private func serve(_ c: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while head.count < 8192, !MetricsServer.headComplete(head) {
            let n = buffer.withUnsafeMutableBytes { recv(c, $0.baseAddress, $0.count, 0) }
            if n <= 0 { if n < 0, errno == EINTR { continue }; return }
            head.append(contentsOf: buffer[..<n])
        }
        let (status, contentType, body, isHead) = MetricsServer.respond(to: head, metrics: metrics, health: health)
        var response = "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        if !isHead { response += body }
        var bytes = Array(response.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(c, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { if n < 0, errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    static func headComplete(_ head: [UInt8]) -> Bool {
        guard head.count >= 4 else { return false }
        for i in 0...(head.count - 4) where head[i] == 13 && head[i + 1] == 10 && head[i + 2] == 13 && head[i + 3] == 10 { return true }
        return false
    }

    /// Status line, content type and body for a request head (pure: tested without sockets).
    static func respond(to head: [UInt8], metrics: () -> String, health: () -> (ok: Bool, text: String))
        -> (status: String, contentType: String, body: String, isHead: Bool) {
        let firstLine = head.split(separator: 13, maxSplits: 1).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let parts = firstLine.split(separator: " ")
        guard parts.count == 3 else { return ("400 Bad Request", "text/plain", "bad request\n", false) }
        let method = parts[0], target = parts[1].split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard method == "GET" || method == "HEAD" else { return ("405 Method Not Allowed", "text/plain", "GET only\n", false) }
        let isHead = method == "HEAD"
        switch target {
        case "/metrics":
            return ("200 OK", "text/plain; version=0.0.4; charset=utf-8", metrics(), isHead)
        case "/healthz":
            let h = health()
            return (h.ok ? "200 OK" : "503 Service Unavailable", "text/plain", h.text + "\n", isHead)
        default:
            return ("404 Not Found", "text/plain", "not found: /metrics or /healthz\n", isHead)
        }
    }
}
