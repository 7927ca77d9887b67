import Testing
@testable import Primitives

/// The byte writers must give exactly the text of their `String` counterparts (output is compared
/// byte for byte with earlier runs).
@Suite("Text bytes: decimal numbers, timestamps, addresses")
struct TextBytesTests {
    static func decimal(_ v: Int) -> String {
        let b = ByteBuffer(capacity: 1)
        b.appendDecimal(v)
        return b.text
    }

    static func padded(_ v: Int, _ width: Int) -> String {
        let b = ByteBuffer(capacity: 1)
        b.appendZeroPadded(v, width: width)
        return b.text
    }

    @Test("decimal integers match String(_:), including extremes and negatives")
    func decimals() {
        var values = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 65_535, 1 << 32, Int.max, Int.min, -1, -10, -12_345]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {  // deterministic pseudo-random values of every magnitude
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            values.append(Int(truncatingIfNeeded: x) >> Int(x % 63))
        }
        for v in values { #expect(Self.decimal(v) == String(v), "value \(v)") }
        let b = ByteBuffer(capacity: 1)
        b.appendDecimal(UInt64.max)
        #expect(b.text == String(UInt64.max))
    }

    @Test("zero padding counts the sign, as string padding does")
    func padding() {
        #expect(Self.padded(7, 2) == "07")
        #expect(Self.padded(2026, 4) == "2026")
        #expect(Self.padded(12345, 4) == "12345")
        #expect(Self.padded(5, 6) == "000005")
        #expect(Self.padded(0, 6) == "000000")
        #expect(Self.padded(-5, 4) == "00-5")
        #expect(Self.padded(-5, 2) == "-5")
    }

    /// The former `String` implementation of `Timestamp.rfc3339`, kept as the reference.
    static func referenceRFC3339(_ t: Timestamp) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        let secs = t.seconds
        let micros = (t.nanoseconds - secs * 1_000_000_000) / 1000
        let (y, m, d) = Timestamp.civilDate(daysSinceEpoch: Int(secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400))
        let dayStart = Int64(Timestamp.daysSinceEpoch(year: y, month: m, day: d)) * 86_400
        let sod = Int(secs - dayStart)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(sod / 3600, 2) + ":" + pad(sod / 60 % 60, 2)
            + ":" + pad(sod % 60, 2) + "." + pad(Int(micros), 6) + "Z"
    }

    @Test("RFC 3339 bytes equal the former string form, around the epoch and far from it")
    func timestamps() {
        let seconds: [Int64] = [0, -1, 1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 1_710_234_000,
                                1_795_974_329, 4_102_444_800, 9_000_000_000, -2_208_988_800, -9_000_000_000]
        let fractions: [Int64] = [0, 1, 999, 1000, 869_579_800, 999_999_999]
        for s in seconds {
            for f in fractions {
                let t = Timestamp(seconds: s, nanoseconds: f)
                let b = ByteBuffer(capacity: 1)
                t.appendRFC3339(to: b)
                #expect(b.text == Self.referenceRFC3339(t))
                #expect(t.rfc3339 == Self.referenceRFC3339(t))
            }
        }
        #expect(Timestamp(seconds: 1_710_234_000, nanoseconds: 28_402_000).rfc3339 == "2024-03-12T09:00:00.028402Z")
        #expect(Timestamp(seconds: -1, nanoseconds: 0).rfc3339 == "1969-12-31T23:59:59.000000Z")
        #expect(Timestamp(seconds: 4_102_444_800, nanoseconds: 0).rfc3339 == "2100-01-01T00:00:00.000000Z")
        #expect(Timestamp(seconds: -2_208_988_800, nanoseconds: 0).rfc3339 == "1900-01-01T00:00:00.000000Z")
    }

    @Test("addresses and endpoints are written as canonical text (IPv4, IPv6, mapped), as bytes and as descriptions")
    func endpoints() {
        let addresses = ["0.0.0.0", "10.1.0.39", "255.255.255.255", "54.186.177.185", "::", "::1",
                         "2001:db8:100::137", "2a03:2880:f003:c07:face:b00c:0:2", "::ffff:10.0.0.1", "fe80::1:0:0:0",
                         "1::", "2001:db8::1:0:0:1", "2001:0:0:1::1", "1:2:3:4:5:6:7:8", "abcd:ef01::"]
        for text in addresses {
            let address = IPAddress(text)!
            for port: UInt16 in [0, 7, 80, 443, 65_535] {
                let e = Endpoint(address: address, port: port)
                let b = ByteBuffer(capacity: 1)
                e.appendDescription(to: b)
                #expect(b.text == e.description)
                #expect(e.description == (address.isIPv6 ? "[\(text)]:\(port)" : "\(text):\(port)"))
            }
            let b = ByteBuffer(capacity: 1)
            address.appendDescription(to: b)
            #expect(b.text == address.description)
            #expect(address.description == text, "the inputs are canonical RFC 5952 text")
        }
    }
}

@Suite("ASCII lower-casing of bytes")
struct ASCIILowercasedTests {
    @Test("only A-Z change, to a-z; every other byte, UTF-8 lead and continuation bytes included, stays")
    func everyByte() {
        for b in 0...255 {
            let byte = UInt8(b)
            let expected = (65...90).contains(b) ? byte + 32 : byte
            #expect(byte.asciiLowercased == expected, "\(b)")
        }
    }
}
