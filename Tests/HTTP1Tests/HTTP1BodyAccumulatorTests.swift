import Testing
@testable import HTTP1

@Suite("HTTP1BodyAccumulator")
struct HTTP1BodyAccumulatorTests {
    static func limits(retain: Int) -> HTTP1Limits {
        var l = HTTP1Limits()
        l.retainedBodyBytes = retain
        return l
    }

    @Test("identity: counted, retained up to the limit")
    func identity() {
        var a = HTTP1BodyAccumulator(contentEncoding: nil, limits: Self.limits(retain: 5))
        Array("hello world".utf8).withUnsafeBytes { a.append($0) }
        let info = a.finish()
        #expect(info.transferLength == 11 && info.decodedLength == 11)
        #expect(info.decodedBytes == Array("hello".utf8))
        #expect(a.retainCapHit)
    }

    @Test("a gap counts its bytes and stops retention; an encoded body gets a decode error")
    func gap() {
        var a = HTTP1BodyAccumulator(contentEncoding: "identity", limits: Self.limits(retain: 100))
        Array("abc".utf8).withUnsafeBytes { a.append($0) }
        a.addGap(10)
        Array("xyz".utf8).withUnsafeBytes { a.append($0) }
        let info = a.finish()
        #expect(info.transferLength == 16 && info.decodedLength == 13)
        #expect(info.decodedBytes == Array("abc".utf8))
        #expect(info.truncated)

        var g = HTTP1BodyAccumulator(contentEncoding: "gzip", limits: Self.limits(retain: 100))
        BodyFixtures.gzip.prefix(20).withUnsafeBytes { g.append(UnsafeRawBufferPointer($0)) }
        g.addGap(5)
        let ginfo = g.finish()
        #expect(ginfo.decodeError == "gap in encoded body at byte 25")
        #expect(ginfo.transferLength == 25)
    }

    @Test("an encoded body with no bytes is not an error")
    func emptyEncoded() {
        var a = HTTP1BodyAccumulator(contentEncoding: "br", limits: HTTP1Limits())
        let info = a.finish()
        #expect(info.decodeError == nil && info.decodedLength == 0 && info.contentEncoding == "br")
    }
}
