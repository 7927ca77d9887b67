import Foundation

/// One blocking HTTP/1.1 POST over a POSIX socket (`getaddrinfo`, `connect`, `send`, `recv`),
/// returning the status code. Connect, send and receive are each bounded by `timeoutMillis`
/// (`SO_SNDTIMEO` also bounds `connect` on Linux). Only the response head is read (at most
/// 16 KiB). Writes use `MSG_NOSIGNAL`. Errors are plain messages for the webhook's log line.
enum HTTPPoster {
    enum Failure: Error, Equatable {
        case failed(String)
    }

    static func post(_ url: WebhookURL, headers: [(String, String)], body: [UInt8], timeoutMillis: Int) throws(Failure) -> Int {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(url.host, String(url.port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .failed("cannot resolve \(url.host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let ai = node {
            node = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            guard fd >= 0 else { lastError = "socket: \(errorText())"; continue }
            defer { close(fd) }
            var tv = timeval(tv_sec: timeoutMillis / 1000, tv_usec: Int((timeoutMillis % 1000) * 1000))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            guard connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 else {
                lastError = "connect to \(url.hostHeader): \(errorText())"
                continue
            }
            var head = "POST \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nUser-Agent: consenttap\r\n"
            head += "Content-Length: \(body.count)\r\nConnection: close\r\n"
            for (k, v) in headers { head += "\(k): \(v)\r\n" }
            head += "\r\n"
            let request = Array(head.utf8) + body
            var sent = 0
            while sent < request.count {
                let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw .failed("send to \(url.hostHeader): \(errorText())") }
                sent += n
            }
            var response: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 4096)
            while response.count < 16 << 10 {
                let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw .failed("no answer from \(url.hostHeader): \(errorText())") }
                if n == 0 { break }
                response += buf[0..<n]
                if let nl = response.firstIndex(of: 0x0A), nl > 0 { return try status(of: Array(response[..<nl]), url: url) }
            }
            guard let nl = response.firstIndex(of: 0x0A) else { throw .failed("no HTTP answer from \(url.hostHeader)") }
            return try status(of: Array(response[..<nl]), url: url)
        }
        throw .failed(lastError)
    }

    private static func status(of line: [UInt8], url: WebhookURL) throws(Failure) -> Int {
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]), (100...599).contains(code) else {
            throw .failed("malformed HTTP answer from \(url.hostHeader)")
        }
        return code
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
