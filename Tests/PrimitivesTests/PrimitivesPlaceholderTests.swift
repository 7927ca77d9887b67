import Testing
@testable import Primitives

@Suite("Primitives")
struct PrimitivesTests {
    @Test("RFC 3339 round trip with microseconds")
    func rfc3339() {
        let t = Timestamp(seconds: 1_795_974_329, nanoseconds: 869_579_800)
        #expect(t.rfc3339 == "2026-11-29T17:45:29.869579Z")
        #expect(Timestamp(rfc3339: "2026-11-29T17:45:29.869579Z") == Timestamp(seconds: 1_795_974_329, nanoseconds: 869_579_000))
        #expect(Timestamp(rfc3339: "2026-11-28T10:00:00Z")?.rfc3339 == "2026-11-28T10:00:00.000000Z")
        #expect(Timestamp(rfc3339: "2026-11-28T11:00:00+01:00")?.rfc3339 == "2026-11-28T10:00:00.000000Z")
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.5Z")?.rfc3339 == "1969-12-31T23:59:59.500000Z")
        #expect(Timestamp(rfc3339: "2026-13-28T10:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "garbage") == nil)
    }

    @Test("IP address text forms")
    func addresses() {
        #expect(IPAddress("127.0.0.1") == .v4(0x7f00_0001))
        #expect(IPAddress("::1")?.description == "::1")
        #expect(IPAddress("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(IPAddress("2001:DB8::")?.description == "2001:db8::")
        #expect(IPAddress("::ffff:10.0.0.1")?.description == "::ffff:10.0.0.1")
        #expect(IPAddress("1.2.3") == nil)
        #expect(IPAddress("1::2::3") == nil)
        #expect(Endpoint(address: IPAddress("::1")!, port: 80).description == "[::1]:80")
        #expect(Endpoint(address: .v4(0x0a00_0001), port: 443).description == "10.0.0.1:443")
    }
}
