/// The head of an HTTP/1.1 request as the consent endpoint needs it: method, path (query
/// dropped), lower-cased header names, and the body framing.
///
/// Parsed from the bytes before the empty line (at most `ConsentHTTPServer.Limits.maxHeadBytes`,
/// which the reader enforces). Strict: request line `METHOD SP target SP HTTP/1.x`, header lines
/// `name: value` (obsolete line folding is refused), CRLF or bare LF line ends. Framing errors
/// that would allow smuggling (both Content-Length and Transfer-Encoding, differing or invalid
/// Content-Length values, a transfer coding other than `chunked`) are refused. Never traps.
struct HTTPRequestHead: Equatable {
    enum Framing: Equatable {
        case none
        case contentLength(Int)
        case chunked
    }

    var method: String
    var target: String
    var path: String
    var version: String
    var headers: [(name: String, value: String)]
    var framing: Framing

    static func == (a: HTTPRequestHead, b: HTTPRequestHead) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version && a.framing == b.framing
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// The first value of a header (name lower-case).
    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// Parses the head (without the final empty line). Throws a message for a 400 response.
    static func parse(_ bytes: [UInt8]) throws(HeadError) -> HTTPRequestHead {
        // Split on bytes: in Swift "\r\n" is one Character, so a Character split would miss it.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> Substring in
            Substring(String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw HeadError("empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && ($0.isUppercase || $0 == "-") }) else {
            throw HeadError("malformed request line")
        }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { throw HeadError("unsupported HTTP version") }
        let target = String(parts[1])
        let path = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let first = line.first else { throw HeadError("empty header line") }
            if first == " " || first == "\t" { throw HeadError("obsolete header line folding") }
            guard let colon = line.firstIndex(of: ":") else { throw HeadError("header line without ':'") }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw HeadError("malformed header name")
            }
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers.append((name.lowercased(), value))
        }

        var framing = Framing.none
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        let codings = headers.filter { $0.name == "transfer-encoding" }.map { $0.value.lowercased() }
        if !codings.isEmpty {
            guard lengths.isEmpty else { throw HeadError("both Content-Length and Transfer-Encoding") }
            guard codings == ["chunked"] else { throw HeadError("unsupported Transfer-Encoding") }
            framing = .chunked
        } else if let l = lengths.first {
            guard lengths.allSatisfy({ $0 == l }), !l.isEmpty, l.count <= 18, l.allSatisfy(\.isASCIIDigit),
                  let n = Int(l) else { throw HeadError("invalid Content-Length") }
            framing = .contentLength(n)
        }
        return HTTPRequestHead(method: String(parts[0]), target: target, path: path, version: String(parts[2]),
                               headers: headers, framing: framing)
    }

    struct HeadError: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
