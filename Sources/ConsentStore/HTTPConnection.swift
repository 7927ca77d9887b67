import Foundation

/// One accepted client socket with a read buffer: blocking reads bounded by `poll` timeouts,
/// writes with `MSG_NOSIGNAL`. Used by `ConsentHTTPServer` only.
struct Connection {
    enum HeadResult {
        case head([UInt8])
        case tooLarge
        case timeout
        case closed
    }

    enum ChunkedResult {
        case body([UInt8])
        case tooLarge
        case malformed(String)
        case timeout
    }

    let fd: Int32
    let timeout: Int32
    private var buffer: [UInt8] = []
    private var position = 0

    init(fd: Int32, timeout: Int32) {
        self.fd = fd
        self.timeout = timeout
    }

    /// Reads up to the empty line ending the head; the bytes after it stay buffered.
    mutating func readHead(max: Int) -> HeadResult {
        var searched = 0
        while true {
            if let end = headEnd(from: searched) {
                guard end.head - position <= max else { return .tooLarge }
                let head = Array(buffer[position..<end.head])
                position = end.body
                return .head(head)
            }
            searched = Swift.max(position, buffer.count - 3)
            if buffer.count - position > max { return .tooLarge }
            switch fill() {
            case .some(true): continue
            case .some(false): return buffer.count > position ? .timeout : .closed
            case nil: return .timeout
            }
        }
    }

    /// Finds CRLFCRLF or LFLF at or after `from`.
    private func headEnd(from: Int) -> (head: Int, body: Int)? {
        var i = Swift.max(position, from)
        while i < buffer.count {
            if buffer[i] == 0x0A {
                if i + 1 < buffer.count, buffer[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < buffer.count, buffer[i + 1] == 0x0D, buffer[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    /// Reads exactly `n` body bytes; nil on timeout or early close.
    mutating func readExactly(_ n: Int) -> [UInt8]? {
        while buffer.count - position < n {
            guard fill() == true else { return nil }
        }
        let out = Array(buffer[position..<(position + n)])
        position += n
        return out
    }

    /// Reads a chunked body (RFC 9112 section 7.1), extensions and trailers ignored.
    mutating func readChunked(max: Int) -> ChunkedResult {
        var body: [UInt8] = []
        while true {
            guard let line = readLine(max: 1024) else { return .timeout }
            guard let sizeText = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first,
                  !sizeText.isEmpty, sizeText.count <= 15,
                  let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                return .malformed("invalid chunk size")
            }
            if size == 0 {
                while true {   // trailers up to the empty line
                    guard let t = readLine(max: 8192) else { return .timeout }
                    if t.isEmpty { return .body(body) }
                }
            }
            if body.count + size > max { return .tooLarge }
            guard let data = readExactly(size) else { return .timeout }
            body += data
            guard let end = readLine(max: 2), end.isEmpty else { return .malformed("chunk not followed by CRLF") }
        }
    }

    /// One line without its CRLF/LF; nil on timeout, close or a line longer than `max`.
    private mutating func readLine(max: Int) -> String? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<nl])
                position = nl + 1
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if buffer.count - position > max { return nil }
            guard fill() == true else { return nil }
        }
    }

    /// Reads more bytes: true when some arrived, false on close, nil on timeout.
    private mutating func fill() -> Bool? {
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let r = poll(&p, 1, timeout)
            if r < 0 && errno == EINTR { continue }
            if r <= 0 { return nil }
            break
        }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
    }

    /// Writes all bytes (best effort: a vanished client is ignored).
    func write(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Writes a complete response (no body for HEAD).
    func send(_ r: ConsentIngestHandler.Response, head: HTTPRequestHead?) {
        var text = "HTTP/1.1 \(r.status) \(Self.reason(r.status))\r\n"
        text += "Content-Type: application/json\r\nContent-Length: \(r.body.utf8.count)\r\nConnection: close\r\n"
        for (k, v) in r.headers { text += "\(k): \(v)\r\n" }
        text += "\r\n"
        if head?.method != "HEAD" { text += r.body }
        write(Array(text.utf8))
    }

    /// Half-closes, drains what the client still sends (so it reads our answer instead of a
    /// reset), then closes. Draining stops at the client's close, after 250 ms of silence, or
    /// after 16 MiB.
    func close() {
        shutdown(fd, Int32(SHUT_WR))
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        var drained = 0
        var scratch = [UInt8](repeating: 0, count: 64 << 10)
        while drained < 16 << 20, poll(&p, 1, 250) > 0 {
            let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            drained += n
        }
        Glibc.close(fd)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
