import Primitives

/// The opening of a SOCKS 4, 4a or 5 connection (RFC 1928, RFC 1929 user/password, the SOCKS 4
/// and 4a memos), read from both directions until the tunnel opens: what follows is another byte
/// stream to recognise, as after an HTTP `CONNECT`.
///
/// Each direction is parsed on its own: the client's messages say which comes next (after the
/// greeting, `1` starts a user/password sub-negotiation and `5` the request), and so do the server's
/// (the chosen method says whether a sub-negotiation status comes). Bounded: a handshake longer than
/// `maxBytes` in either direction is malformed.
struct SOCKSHandshake {
    enum Outcome: Equatable {
        /// More bytes are needed.
        case pending
        /// The server granted the connection: the tunnel's first bytes are the leftovers of each side.
        case open
        /// The server refused (`socks_refused`), the bytes are not a SOCKS handshake (`socks_malformed`),
        /// or the server's side never came while the client's bytes reached `maxHeldBytes`
        /// (`socks_unanswered`: a one-sided capture).
        case failed(String)
    }

    /// The longest handshake accepted, per direction.
    static let maxBytes = 1024
    /// The most bytes held while the other side's handshake is missing.
    static let maxHeldBytes = 65_536

    private let version: UInt8
    private var client: [UInt8] = []
    private var server: [UInt8] = []
    private var clientDone: Int?   // bytes of the client's handshake, once complete
    private var serverDone: Int?
    private var refused = false
    private var malformed = false
    /// The destination the client asked for (`host:port`, `[v6]:port`), once its request is complete.
    private(set) var target: String?

    /// True when `bytes`, a connection's first client bytes, open a SOCKS handshake.
    static func starts(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 3 else { return false }
        switch bytes[0] {
        case 5:
            // VER, NMETHODS (1...16), METHODS: no authentication, GSSAPI, user/password, IANA or private ones.
            let n = Int(bytes[1])
            guard (1...16).contains(n), bytes.count >= 2 + n else { return false }
            return (0..<n).allSatisfy { bytes[2 + $0] <= 0x09 || bytes[2 + $0] >= 0x80 }
        case 4:
            // VN, CD (connect or bind), DSTPORT, DSTIP, USERID, NUL.
            return bytes.count >= 9 && (bytes[1] == 1 || bytes[1] == 2)
        default:
            return false
        }
    }

    init(version: UInt8) { self.version = version }

    /// Takes a chunk of one direction.
    mutating func receive(_ bytes: UnsafeRawBufferPointer, from direction: Direction) -> Outcome {
        if direction == .clientToServer {
            client.append(contentsOf: bytes)
            if clientDone == nil {
                switch version == 5 ? Self.client5(client) : Self.client4(client) {
                case .incomplete: break
                case .malformed: malformed = true
                case .complete(let end, let destination): clientDone = end; target = destination
                }
            }
        } else {
            server.append(contentsOf: bytes)
            if serverDone == nil { serverDone = serverLength() }
        }
        if malformed || (clientDone == nil && client.count > Self.maxBytes) || (serverDone == nil && server.count > Self.maxBytes) {
            return .failed("socks_malformed")
        }
        if refused { return .failed("socks_refused") }
        if clientDone != nil, serverDone != nil { return .open }
        return client.count + server.count > Self.maxHeldBytes ? .failed("socks_unanswered") : .pending
    }

    /// Every byte taken so far, per direction (to hand on when the bytes turn out not to be SOCKS).
    var buffered: (client: ArraySlice<UInt8>, server: ArraySlice<UInt8>) { (client[...], server[...]) }

    /// The tunnel's first bytes of each direction, once `open`.
    var leftovers: (client: ArraySlice<UInt8>, server: ArraySlice<UInt8>) {
        (client[(clientDone ?? client.count)...], server[(serverDone ?? server.count)...])
    }

    // MARK: - Messages

    /// A message read from the start of a buffer.
    private enum Parse {
        case incomplete
        case malformed
        /// The message ends at `end` and names `destination` (`host:port`).
        case complete(end: Int, destination: String)
    }

    /// Greeting, then an RFC 1929 user/password sub-negotiation if the client starts one, then the request.
    private static func client5(_ b: [UInt8]) -> Parse {
        guard b.count >= 2 else { return .incomplete }
        var i = 2 + Int(b[1])                        // greeting
        guard b.count > i else { return .incomplete }
        if b[i] == 1 {                               // RFC 1929: VER, ULEN, UNAME, PLEN, PASSWD
            guard b.count > i + 1 else { return .incomplete }
            let p = i + 2 + Int(b[i + 1])
            guard b.count > p else { return .incomplete }
            i = p + 1 + Int(b[p])
            guard b.count > i else { return .incomplete }
        }
        return b[i] == 5 ? address(b, at: i) : .malformed
    }

    /// A SOCKS 5 request or reply at `i`: VER, CMD/REP, RSV, ATYP, address, port.
    private static func address(_ b: [UInt8], at i: Int) -> Parse {
        guard b.count >= i + 5 else { return .incomplete }
        let start = i + 4, length: Int
        switch b[i + 3] {
        case 1: length = 4
        case 4: length = 16
        case 3: length = 1 + Int(b[start])
        default: return .malformed
        }
        let end = start + length + 2
        guard b.count >= end else { return .incomplete }
        let host: String
        switch b[i + 3] {
        case 1: host = dotted(b[start..<(start + 4)])
        case 4: host = "[" + (b[start..<(start + 16)].withUnsafeBytes { IPAddress(bytes: $0) }.map { "\($0)" } ?? "") + "]"
        default: host = String(decoding: b[(start + 1)..<(start + length)], as: UTF8.self)
        }
        return .complete(end: end, destination: host + ":" + port(b, at: end - 2))
    }

    /// VN, CD, DSTPORT, DSTIP, USERID, NUL; with SOCKS 4a (DSTIP 0.0.0.x, x not 0) a host name and NUL follow.
    private static func client4(_ b: [UInt8]) -> Parse {
        guard b.count >= 9, let user = b[8...].firstIndex(of: 0) else { return .incomplete }
        guard b[4] == 0, b[5] == 0, b[6] == 0, b[7] != 0 else {
            return .complete(end: user + 1, destination: dotted(b[4..<8]) + ":" + port(b, at: 2))
        }
        guard let host = b[(user + 1)...].firstIndex(of: 0) else { return .incomplete }
        return .complete(end: host + 1, destination: String(decoding: b[(user + 1)..<host], as: UTF8.self) + ":" + port(b, at: 2))
    }

    private static func dotted(_ b: ArraySlice<UInt8>) -> String { b.map(String.init).joined(separator: ".") }

    private static func port(_ b: [UInt8], at i: Int) -> String { String(Int(b[i]) << 8 | Int(b[i + 1])) }

    private mutating func serverLength() -> Int? {
        if version == 4 {
            // VN 0, CD 90 (granted) or 91...93 (refused), DSTPORT, DSTIP.
            guard server.count >= 8 else { return nil }
            if server[1] != 90 { refused = true }
            return 8
        }
        guard server.count >= 2 else { return nil }
        guard server[0] == 5, server[1] != 0xFF else { refused = server[0] == 5; malformed = server[0] != 5; return nil }
        var i = 2
        if server[1] == 2 {                          // user/password status: VER 1, STATUS
            guard server.count >= 4 else { return nil }
            if server[3] != 0 { refused = true; return nil }
            i = 4
        }
        switch Self.address(server, at: i) {
        case .incomplete:
            return nil
        case .malformed:
            malformed = true
            return nil
        case .complete(let end, _):
            if server[i] != 5 { malformed = true; return nil }
            if server[i + 1] != 0 { refused = true }
            return end
        }
    }
}
