import Foundation
import Primitives

/// A small HTTP/1.1 server over POSIX sockets for the consent endpoint (`ConsentIngestHandler`).
///
/// One accept thread polls the listening socket and a wake-up pipe; each connection is served on
/// its own thread (at most `maxConnections` at once; more get 503) and closed after one response
/// (`Connection: close`). Limits, all answered with a clear status: head over `maxHeadBytes`
/// (431), body over the handler's cap (413; chunked bodies are counted as they arrive), a client
/// silent for `ioTimeoutMillis` (408). `Expect: 100-continue` is honoured after the head checks
/// pass, so a refused client never sends its body. Binds `host` (an IP literal or `localhost`;
/// default 127.0.0.1) and `port` (0 picks a free one: see `boundPort`). Writes use
/// `MSG_NOSIGNAL`, so a vanished client never raises SIGPIPE.
package final class ConsentHTTPServer: @unchecked Sendable {
    package struct Configuration: Sendable {
        package var host: String = "127.0.0.1"
        package var port: UInt16 = 8787
        package var maxHeadBytes: Int = 16 << 10
        package var ioTimeoutMillis: Int32 = 10_000
        package var maxConnections: Int = 16

        package init(host: String = "127.0.0.1", port: UInt16 = 8787) {
            self.host = host
            self.port = port
        }
    }

    package let configuration: Configuration
    package let handler: ConsentIngestHandler
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var wake: [Int32] = [-1, -1]
    private var active = 0
    private var stopping = false
    private var acceptThreadDone = DispatchSemaphore(value: 0)
    private var started = false
    package private(set) var boundPort: UInt16 = 0

    package init(configuration: Configuration = Configuration(), handler: ConsentIngestHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    deinit { stop() }

    /// Binds, listens and starts the accept thread.
    package func start() throws(ConsentStoreError) {
        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        guard let address = IPAddress(host) else {
            throw ConsentStoreError(.config, "bind address", found: "'\(configuration.host)' is not an IP address")
        }
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        switch address {
        case .v4(let v):
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = configuration.port.bigEndian
            a.sin_addr.s_addr = v.bigEndian
            withUnsafeBytes(of: a) { src in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: src) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        case .v6(let high, let low):
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = configuration.port.bigEndian
            withUnsafeMutableBytes(of: &a.sin6_addr) { raw in
                withUnsafeBytes(of: high.bigEndian) { raw.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 8) }
                withUnsafeBytes(of: low.bigEndian) { (raw.baseAddress! + 8).copyMemory(from: $0.baseAddress!, byteCount: 8) }
            }
            withUnsafeBytes(of: a) { src in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: src) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ConsentStoreError(.socket, "socket", found: Self.errorText()) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let e = Self.errorText()
            Glibc.close(fd)
            throw ConsentStoreError(.socket, "bind \(configuration.host):\(configuration.port)", found: e)
        }
        guard listen(fd, 64) == 0 else {
            let e = Self.errorText()
            Glibc.close(fd)
            throw ConsentStoreError(.socket, "listen", found: e)
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        let port = withUnsafeBytes(of: actual) { raw -> UInt16 in
            // sin_port and sin6_port are both at offset 2.
            UInt16(raw[2]) << 8 | UInt16(raw[3])
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            Glibc.close(fd)
            throw ConsentStoreError(.socket, "pipe", found: Self.errorText())
        }
        for p in pipeFDs { _ = fcntl(p, F_SETFD, FD_CLOEXEC) }
        let wakeRead = pipeFDs[0]
        lock.lock()
        listenFD = fd
        wake = pipeFDs
        boundPort = port
        started = true
        lock.unlock()
        let t = Thread { [self] in self.acceptLoop(fd: fd, wakeFD: wakeRead) }
        t.name = "consent-http"
        t.start()
    }

    /// Connections being served right now.
    package var activeConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return active
    }

    /// Stops accepting, waits for the accept thread, closes the socket. In-flight connections
    /// finish on their own threads.
    package func stop() {
        lock.lock()
        guard started, !stopping else {
            lock.unlock()
            return
        }
        stopping = true
        let w = wake[1]
        lock.unlock()
        var b: UInt8 = 1
        _ = write(w, &b, 1)
        acceptThreadDone.wait()
        lock.lock()
        Glibc.close(listenFD)
        Glibc.close(wake[0])
        Glibc.close(wake[1])
        listenFD = -1
        lock.unlock()
    }

    private func acceptLoop(fd: Int32, wakeFD: Int32) {
        defer { acceptThreadDone.signal() }
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, -1)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            lock.lock()
            let admitted = active < configuration.maxConnections
            if admitted { active += 1 }
            lock.unlock()
            guard admitted else {
                let c = Connection(fd: client, timeout: configuration.ioTimeoutMillis)
                c.send(ConsentIngestHandler.error(503, "busy", "too many connections; retry later"), head: nil)
                c.close()
                continue
            }
            let t = Thread { [self] in
                var c = Connection(fd: client, timeout: configuration.ioTimeoutMillis)
                serve(&c)
                c.close()
                lock.lock()
                active -= 1
                lock.unlock()
            }
            t.start()
        }
    }

    /// Reads one request and writes one response.
    private func serve(_ c: inout Connection) {
        let head: HTTPRequestHead
        switch c.readHead(max: configuration.maxHeadBytes) {
        case .timeout: return c.send(ConsentIngestHandler.error(408, "timeout", "request head not received in time"), head: nil)
        case .closed: return
        case .tooLarge: return c.send(ConsentIngestHandler.error(431, "head_too_large",
                                                                  "request head larger than \(configuration.maxHeadBytes) bytes"), head: nil)
        case .head(let bytes):
            do { head = try HTTPRequestHead.parse(bytes) } catch {
                return c.send(ConsentIngestHandler.error(400, "malformed", "bad request head: \(error.message)"), head: nil)
            }
        }
        if let early = handler.precheck(head) { return c.send(early, head: head) }
        if head.header("expect")?.lowercased() == "100-continue" { c.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        let body: [UInt8]
        switch head.framing {
        case .none:
            body = []
        case .contentLength(let n):
            guard let b = c.readExactly(n) else {
                return c.send(ConsentIngestHandler.error(408, "timeout", "request body not received in full"), head: head)
            }
            body = b
        case .chunked:
            switch c.readChunked(max: handler.maxBodyBytes) {
            case .body(let b): body = b
            case .tooLarge: return c.send(handler.tooLarge, head: head)
            case .malformed(let m): return c.send(ConsentIngestHandler.error(400, "malformed", "bad chunked body: \(m)"), head: head)
            case .timeout: return c.send(ConsentIngestHandler.error(408, "timeout", "request body not received in full"), head: head)
            }
        }
        c.send(handler.handle(head, body: body), head: head)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
