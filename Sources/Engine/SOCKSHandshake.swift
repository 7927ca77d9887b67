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
                clientDone = version == 5 ? Self.client5Length(client) : Self.client4Length(client)
                if let done = clientDone, done < 0 { malformed = true; clientDone = nil }
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

    /// The destination the client asked for (`host:port`, `[v6]:port`), once its request is complete.
    var target: String? {
        guard let done = clientDone else { return nil }
        return version == 5 ? Self.target5(client[..<done]) : Self.target4(client[..<done])
    }

    /// Every byte taken so far, per direction (to hand on when the bytes turn out not to be SOCKS).
    var buffered: (client: ArraySlice<UInt8>, server: ArraySlice<UInt8>) { (client[...], server[...]) }

    /// The tunnel's first bytes of each direction, once `open`.
    var leftovers: (client: ArraySlice<UInt8>, server: ArraySlice<UInt8>) {
        (client[(clientDone ?? client.count)...], server[(serverDone ?? server.count)...])
    }

    // MARK: - Message lengths (nil: incomplete, -1: malformed)

    private static func client5Length(_ b: [UInt8]) -> Int? {
        guard b.count >= 2 else { return nil }
        var i = 2 + Int(b[1])                        // greeting
        guard b.count > i else { return nil }
        if b[i] == 1 {                               // RFC 1929: VER, ULEN, UNAME, PLEN, PASSWD
            guard b.count > i + 1 else { return nil }
            let p = i + 2 + Int(b[i + 1])
            guard b.count > p else { return nil }
            i = p + 1 + Int(b[p])
            guard b.count > i else { return nil }
        }
        guard b[i] == 5 else { return -1 }
        return requestLength(b, at: i)
    }

    /// A SOCKS 5 request or reply at `i`: VER, CMD/REP, RSV, ATYP, address, port.
    private static func requestLength(_ b: [UInt8], at i: Int) -> Int? {
        guard b.count >= i + 5 else { return nil }
        let address: Int
        switch b[i + 3] {
        case 1: address = 4
        case 4: address = 16
        case 3: address = 1 + Int(b[i + 4])
        default: return -1
        }
        let end = i + 4 + address + 2
        return b.count >= end ? end : nil
    }

    private static func target5(_ b: ArraySlice<UInt8>) -> String? {
        let b = Array(b)
        var i = 2 + Int(b[1])
        if b[i] == 1 { let p = i + 2 + Int(b[i + 1]); i = p + 1 + Int(b[p]) }
        let address: String, at: Int
        switch b[i + 3] {
        case 1: address = b[(i + 4)..<(i + 8)].map(String.init).joined(separator: "."); at = i + 8
        case 4:
            let v6 = Array(b[(i + 4)..<(i + 20)]).withUnsafeBytes { IPAddress(bytes: $0) }
            address = "[" + (v6.map { "\($0)" } ?? "") + "]"
            at = i + 20
        default: address = String(decoding: b[(i + 5)..<(i + 5 + Int(b[i + 4]))], as: UTF8.self); at = i + 5 + Int(b[i + 4])
        }
        return address + ":" + String(Int(b[at]) << 8 | Int(b[at + 1]))
    }

    private static func target4(_ b: ArraySlice<UInt8>) -> String? {
        let b = Array(b)
        let port = String(Int(b[2]) << 8 | Int(b[3]))
        guard b[4] == 0, b[5] == 0, b[6] == 0, b[7] != 0, let user = b[8...].firstIndex(of: 0) else {
            return b[4..<8].map(String.init).joined(separator: ".") + ":" + port
        }
        return String(decoding: b[(user + 1)..<(b.count - 1)], as: UTF8.self) + ":" + port
    }

    private static func client4Length(_ b: [UInt8]) -> Int? {
        guard b.count >= 9, let user = b[8...].firstIndex(of: 0) else { return nil }
        // SOCKS 4a: DSTIP 0.0.0.x (x not 0) means a host name follows the user id.
        guard b[4] == 0, b[5] == 0, b[6] == 0, b[7] != 0 else { return user + 1 }
        guard let host = b[(user + 1)...].firstIndex(of: 0) else { return nil }
        return host + 1
    }

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
        guard let end = Self.requestLength(server, at: i) else { return nil }
        if end < 0 || server[i] != 5 { malformed = true; return nil }
        if server[i + 1] != 0 { refused = true }
        return end
    }
}
