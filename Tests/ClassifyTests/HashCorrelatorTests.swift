import Testing
@testable import Classify

@Suite("HashCorrelator")
struct HashCorrelatorTests {
    @Test("SHA-256 of the vendor-normalised e-mail and phone is recognised")
    func matches() {
        // FIPS 180-2 vector: SHA-256("abc").
        #expect(HashCorrelator.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var h = HashCorrelator()
        h.learn(" Jane.Doe@Gmail.com ", category: .email)
        h.learn("+44(0)151 496 0293", category: .phone)
        h.learn("0151 496 0293", category: .phone)        // national: no country code, not learnt
        #expect(h.match(HashCorrelator.sha256Hex("jane.doe@gmail.com")) == .email_sha256)
        #expect(h.match(HashCorrelator.sha256Hex("janedoe@gmail.com").uppercased()) == .email_sha256)
        #expect(h.match(HashCorrelator.sha256Hex("441514960293")) == .phone_sha256)
        #expect(h.match(HashCorrelator.sha256Hex("+441514960293")) == .phone_sha256)
        #expect(h.match(HashCorrelator.sha256Hex("01514960293")) == nil)
        #expect(h.match(HashCorrelator.sha256Hex("someone@else.org")) == nil)
    }

    @Test("capacity bounds memory and counts what was ignored")
    func capacity() {
        var h = HashCorrelator(capacity: 2)
        h.learn("a@x.com", category: .email)
        h.learn("b@x.com", category: .email)
        h.learn("c@x.com", category: .email)
        #expect(h.ignoredOverCapacity == 1)
        #expect(h.match(HashCorrelator.sha256Hex("c@x.com")) == nil)
    }
}
