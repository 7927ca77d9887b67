import Testing
@testable import Classify

@Suite("NameCache")
struct NameCacheTests {
    @Test("cached names keep bracketed keys apart and share numeric indices")
    func keys() {
        let c = FieldClassifier()
        let hash = "5f0f6c8e2f4b8a8c1a1b8e0e7c8c3c2b3a4d5e6f708192a3b4c5d6e7f8091a2b"
        for _ in 0..<2 {  // second round from the cache
            #expect(c.classify(path: "ud[em]", value: hash, vendor: "meta_pixel", location: .query).category == .email_sha256)
            #expect(c.classify(path: "ud[ph]", value: hash, vendor: "meta_pixel", location: .query).category == .phone_sha256)
            #expect(c.classify(path: "batch[0].traits.email", value: "dana@example.org", vendor: "segment", location: .body).category == .email)
            #expect(c.classify(path: "batch[7].traits.email", value: "not an address", vendor: "segment", location: .body).category != .email)
        }
    }
}
