import Foundation
import Testing

/// A fresh temporary directory, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("consentstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func file(_ name: String) -> String { path + "/" + name }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Feed lines used across the tests (identifiers are made up).
enum Lines {
    static let annGrant = #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":true},"source":"cmp"}"#
    static let annDeny = #"{"ts":"2026-11-28T12:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":false},"source":"cmp"}"#
    static let bob = #"{"ts":"2026-11-28T10:00:00Z","subject":{"user_id":"bob"},"regime":"opt_out","purposes":{"sale_share":false}}"#
    static let carol = #"{"ts":"2026-11-28T11:00:00Z","subject":{"ga_client_id":"123.456"},"purposes":{"analytics":false}}"#
    /// `annGrant` with other spacing and key order: the same record.
    static let annGrantRespaced = #"{ "source": "cmp", "subject": {"email": "ann@example.com"}, "ts": "2026-11-28T10:00:00Z", "regime": "opt_in", "purposes": {"advertising": true, "analytics": true} }"#
    static let unknownKey = #"{"ts":"2026-11-28T13:00:00Z","subject":{"device_id":"d1"},"colour":"blue"}"#
    static let noTs = #"{"subject":{"device_id":"d2"}}"#
}

func appendText(_ path: String, _ text: String) throws {
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try h.seekToEnd()
    try h.write(contentsOf: Data(text.utf8))
    try h.close()
}

func writeText(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// A raw HTTP/1.1 exchange over a real TCP socket on 127.0.0.1: sends `request` as is, reads
/// until the server closes, splits status, headers and body.
struct RawHTTPResponse {
    var status: Int
    var headers: [String: String]
    var body: String
    var raw: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

func exchange(port: UInt16, _ request: [UInt8], pauseAfterHead: Bool = false) throws -> RawHTTPResponse {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    defer { close(fd) }
    var tv = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var a = sockaddr_in()
    a.sin_family = sa_family_t(AF_INET)
    a.sin_port = port.bigEndian
    a.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let rc = withUnsafePointer(to: &a) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    try #require(rc == 0, "connect to 127.0.0.1:\(port)")
    var sent = 0
    while sent < request.count {
        let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
        if n <= 0 { break }   // the server may refuse early and close; read what it said
        sent += n
    }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        out += buf[0..<n]
    }
    let text = String(decoding: out, as: UTF8.self)
    return try parseResponse(text)
}

func parseResponse(_ text: String) throws -> RawHTTPResponse {
    var rest = Substring(text)
    // Skip interim 100 Continue responses.
    while rest.hasPrefix("HTTP/1.1 100"), let r = rest.range(of: "\r\n\r\n") { rest = rest[r.upperBound...] }
    let split = try #require(rest.range(of: "\r\n\r\n"), "no response head in: \(text.prefix(200))")
    let head = rest[..<split.lowerBound].components(separatedBy: "\r\n")
    let statusParts = head[0].split(separator: " ")
    let status = try #require(Int(statusParts[1]))
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        if let c = line.firstIndex(of: ":") {
            headers[line[..<c].lowercased()] = line[line.index(after: c)...].trimmingCharacters(in: .whitespaces)
        }
    }
    return RawHTTPResponse(status: status, headers: headers, body: String(rest[split.upperBound...]), raw: text)
}

func post(port: UInt16, path: String = "/v1/consent", token: String?, body: String,
          extraHeaders: [String] = []) throws -> RawHTTPResponse {
    var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    if let token { head += "Authorization: Bearer \(token)\r\n" }
    head += "Content-Length: \(body.utf8.count)\r\n"
    for h in extraHeaders { head += h + "\r\n" }
    head += "\r\n"
    return try exchange(port: port, Array((head + body).utf8))
}
