import Testing
@testable import Codecs

/// Decodes `encoded` fed in pieces of the given sizes (cycled), returning the decoder and output.
private func decode(_ encoded: [UInt8], codings: [ContentCoding], cap: Int = 1 << 24, retain: Int = .max,
                    pieces: [Int] = [Int.max], finish: Bool = true) -> (ContentDecoder, [UInt8]) {
    var decoder = ContentDecoder(codings: codings, maxDecodedBytes: cap)
    var output: [UInt8] = []
    var offset = 0
    var i = 0
    encoded.withUnsafeBytes { all in
        while offset < all.count {
            let n = min(pieces[i % pieces.count], all.count - offset)
            decoder.feed(UnsafeRawBufferPointer(rebasing: all[offset..<offset + n]), output: &output, retain: retain)
            offset += n
            i += 1
        }
    }
    if finish { decoder.finish(output: &output, retain: retain) }
    return (decoder, output)
}

/// Whole, one byte at a time, and a fixed pseudo-random split pattern.
private let splits: [[Int]] = [[Int.max], [1], [3, 1, 7, 2, 50, 5, 11]]

@Suite("ContentDecoder")
struct ContentDecoderTests {
    let plain = CodecFixtures.bytes(CodecFixtures.plainBase64)

    @Test("parseList keeps application order, maps x-gzip and br, skips empty elements")
    func parseList() {
        #expect(ContentCoding.parseList("gzip, br") == [.gzip, .brotli])
        #expect(ContentCoding.parseList(" X-GZIP ,, Deflate,zstd") == [.gzip, .deflate, .zstd])
        #expect(ContentCoding.parseList("identity, compress") == [.identity, .unknown("compress")])
        #expect(ContentCoding.parseList("") == [])
    }

    @Test("each single coding decodes to the plain text however the input is split",
          arguments: [
            (CodecFixtures.gzipBase64, ContentCoding.gzip),
            (CodecFixtures.zlibBase64, .deflate),
            (CodecFixtures.rawDeflateBase64, .deflate),
            (CodecFixtures.brotliBase64, .brotli),
            (CodecFixtures.zstdBase64, .zstd),
            (CodecFixtures.twoGzipMembersBase64, .gzip),
          ])
    func singleCoding(fixture: String, coding: ContentCoding) {
        for split in splits {
            let (decoder, output) = decode(CodecFixtures.bytes(fixture), codings: [coding], pieces: split)
            #expect(decoder.error == nil, "\(coding) split \(split)")
            #expect(output == plain, "\(coding) split \(split)")
            #expect(decoder.decodedByteCount == 1960)
            #expect(!decoder.hitCap)
        }
    }

    @Test("stacked codings are undone in reverse order; identity is skipped")
    func stacked() {
        for split in splits {
            let (d1, o1) = decode(CodecFixtures.bytes(CodecFixtures.gzipGzipBase64),
                                  codings: [.gzip, .identity, .gzip], pieces: split)
            #expect(d1.error == nil)
            #expect(o1 == plain)
            // Content-Encoding: gzip, br  -> br applied last, undone first.
            let (d2, o2) = decode(CodecFixtures.bytes(CodecFixtures.brotliOfGzipBase64),
                                  codings: ContentCoding.parseList("gzip, br"), pieces: split)
            #expect(d2.error == nil)
            #expect(o2 == plain)
        }
    }

    @Test("identity and an empty list pass bytes through")
    func identity() {
        let (d, o) = decode(plain, codings: [], pieces: [7])
        #expect(o == plain)
        #expect(d.decodedByteCount == plain.count)
        let (d2, o2) = decode(plain, codings: [.identity])
        #expect(o2 == plain && d2.error == nil)
    }

    @Test("a truncated gzip body reports decode_error evidence and keeps what was decoded")
    func truncated() {
        let gz = CodecFixtures.bytes(CodecFixtures.gzipBase64)
        let (d, o) = decode(Array(gz.dropLast(10)), codings: [.gzip], pieces: [1])
        #expect(d.error?.contains("truncated stream") == true)
        #expect(d.codecError?.coding == "gzip")
        #expect(d.decodedByteCount == o.count)
        #expect(o == Array(plain.prefix(o.count)))
    }

    @Test("corrupt input stops with an error carrying the offset")
    func corrupt() {
        var gz = CodecFixtures.bytes(CodecFixtures.gzipBase64)
        gz[15] ^= 0xFF
        gz[16] ^= 0xFF
        let (d, _) = decode(gz, codings: [.gzip])
        #expect(d.error != nil)
        let junk: [UInt8] = Array("this is not brotli at all, not at all".utf8)
        let (b, _) = decode(junk, codings: [.brotli])
        #expect(b.codecError?.coding == "br")
        let (z, _) = decode(junk, codings: [.zstd])
        #expect(z.codecError?.coding == "zstd")
        #expect(z.codecError?.offset ?? -1 >= 0)
    }

    @Test("an unknown coding is reported, nothing decoded")
    func unknown() {
        let (d, o) = decode(plain, codings: [.unknown("compress")])
        #expect(d.error == "compress: unsupported coding at encoded byte 0")
        #expect(o.isEmpty && d.decodedByteCount == 0)
    }

    @Test("retain bounds the kept bytes, not the count")
    func retain() {
        let (d, o) = decode(CodecFixtures.bytes(CodecFixtures.zstdBase64), codings: [.zstd], retain: 100, pieces: [5])
        #expect(o == Array(plain.prefix(100)))
        #expect(d.decodedByteCount == 1960)
    }

    @Test("a cap below the body size truncates at the cap and flags it")
    func smallCap() {
        let (d, o) = decode(CodecFixtures.bytes(CodecFixtures.gzipBase64), codings: [.gzip], cap: 1000, pieces: [9])
        #expect(d.hitCap)
        #expect(d.decodedByteCount == 1000)
        #expect(o == Array(plain.prefix(1000)))
        #expect(d.error == nil)
    }

    @Test("1 GiB of zeros (br, and gzip inside gzip) stops at a 16 MiB cap", arguments: [
        (CodecFixtures.brotliBombBase64, [ContentCoding.brotli]),
        (CodecFixtures.gzipBombGzipBase64, [ContentCoding.gzip, .gzip]),
    ])
    func bomb(fixture: String, codings: [ContentCoding]) {
        let clock = ContinuousClock()
        var result: (ContentDecoder, [UInt8])?
        let elapsed = clock.measure {
            result = decode(CodecFixtures.bytes(fixture), codings: codings, cap: 16 << 20, retain: 64, pieces: [100])
        }
        let (d, o) = result!
        #expect(d.hitCap)
        #expect(d.decodedByteCount == 16 << 20)
        #expect(o == [UInt8](repeating: 0, count: 64))
        #expect(elapsed < .seconds(20), "bomb took \(elapsed)")
        print("bomb \(codings.map(\.name)): 16 MiB decoded, stopped at the cap after \(elapsed)")
    }

    @Test("an empty body with a coding is not an error")
    func emptyBody() {
        let (d, o) = decode([], codings: [.gzip])
        #expect(d.error == nil && o.isEmpty && d.decodedByteCount == 0)
    }
}
