/// Recognises HTTP/1 from the first bytes of one direction, whatever the port.
///
/// `.response` when the bytes start with "HTTP/1."; `.request` when they start with a request line
/// (upper-case method token, SP, target, SP, "HTTP/1.x", line end), or, before the line is
/// complete, with a well-known method followed by SP and a plausible target start. HTTP/2's
/// preface (`PRI * HTTP/2.0`) is not HTTP/1. `.needMoreBytes` while undecided (up to 8 KiB of a
/// request line). The bytes are borrowed for the call.
package enum HTTP1Sniff: Sendable, Equatable {
    case request, response, notHTTP, needMoreBytes

    private static let knownMethods: [[UInt8]] = [
        "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE",
    ].map { Array($0.utf8) }
    private static let maxSniffedLine = 8_192

    package static func sniff(_ bytes: UnsafeRawBufferPointer) -> HTTP1Sniff {
        guard !bytes.isEmpty else { return .needMoreBytes }
        let status = Array("HTTP/1.".utf8)
        if bytes[0] == UInt8(ascii: "H") {
            let n = min(bytes.count, status.count)
            if (0..<n).allSatisfy({ bytes[$0] == status[$0] }) { return n == status.count ? .response : .needMoreBytes }
        }
        // Method token, upper case.
        var i = 0
        while i < bytes.count, i < 24, bytes[i] >= 0x41 && bytes[i] <= 0x5A || bytes[i] == 0x2D || bytes[i] == 0x5F { i += 1 }
        if i == bytes.count { return i < 24 ? .needMoreBytes : .notHTTP }
        guard i > 0, bytes[i] == HTTP1Syntax.sp else { return .notHTTP }
        var lf = i
        while lf < bytes.count, lf < maxSniffedLine, bytes[lf] != HTTP1Syntax.lf { lf += 1 }
        if lf < bytes.count, bytes[lf] == HTTP1Syntax.lf {
            let end = lf > 0 && bytes[lf - 1] == HTTP1Syntax.cr ? lf - 1 : lf
            let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
            return HTTP1Syntax.parseRequestLine(line, strictMethod: true) == nil ? .notHTTP : .request
        }
        if lf >= maxSniffedLine { return .notHTTP }
        // Incomplete line: decide early for well-known methods with a plausible target.
        let method = Array(UnsafeRawBufferPointer(rebasing: bytes[0..<i]))
        guard i + 1 < bytes.count else { return .needMoreBytes }
        for k in (i + 1)..<bytes.count where !HTTP1Syntax.isTargetByte(bytes[k]) && bytes[k] != HTTP1Syntax.sp && bytes[k] != HTTP1Syntax.cr {
            return .notHTTP
        }
        let t = bytes[i + 1]
        if knownMethods.contains(method), t == UInt8(ascii: "/") || t == UInt8(ascii: "h") || t == UInt8(ascii: "H") || method == Array("CONNECT".utf8) {
            return .request
        }
        return .needMoreBytes
    }
}
