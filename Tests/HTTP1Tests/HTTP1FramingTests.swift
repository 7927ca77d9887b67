import Testing
@testable import HTTP1

@Suite("HTTP1Framing")
struct HTTP1FramingTests {
    @Test("chunk-size lines (RFC 9112 §7.1)")
    func chunkSizes() {
        func size(_ s: String) -> Int? { HTTP1Framing.chunkSize(Array(s.utf8)) }
        #expect(size("1a") == 26)
        #expect(size("FF;name=\"v\"") == 255)
        #expect(size("10 \t;ext") == 16)
        #expect(size("0") == 0)
        #expect(size("fffffffffffffff") == 0x0FFF_FFFF_FFFF_FFFF)
        #expect(size("ffffffffffffffff") == nil)  // 16 digits: could overflow
        #expect(size("") == nil)
        #expect(size("-1") == nil)
        #expect(size("1 2") == nil)
        #expect(size("0x10") == nil)
    }

    @Test("absolute-form authority (RFC 9112 §3.2.2)")
    func authority() {
        #expect(HTTP1Framing.absoluteFormAuthority("http://h.example/p") == "h.example")
        #expect(HTTP1Framing.absoluteFormAuthority("HTTPS://u:p@h.example:8443?q") == "h.example:8443")
        #expect(HTTP1Framing.absoluteFormAuthority("http://[2001:db8::1]:80/") == "[2001:db8::1]:80")
        #expect(HTTP1Framing.absoluteFormAuthority("/origin/form") == nil)
        #expect(HTTP1Framing.absoluteFormAuthority("h.example:443") == nil)
        #expect(HTTP1Framing.absoluteFormAuthority("http:///nohost") == nil)
    }
}
