import Testing
@testable import Classify

private func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

@Suite("IdentifierFormats")
struct IdentifierFormatsTests {
    @Test("vendor cookie and click id formats")
    func formats() {
        #expect(IdentifierFormats.kind(b("fb.1.1668086138509.1448037678")) == .metaBrowserID)
        #expect(IdentifierFormats.kind(b("fb.1.1740612487047.IwAReYoAsxtgkNkdVSPPNExae")) == .metaClickID)
        #expect(IdentifierFormats.kind(b("1345845985.1703385756")) == .gaClientID)
        #expect(IdentifierFormats.kind(b("GA1.2.1345845985.1703385756")) == .gaClientID)
        #expect(IdentifierFormats.kind(b("1.1.1121913092.1730284884")) == .googleConversionLinker)
        #expect(IdentifierFormats.kind(b("Cj0KCQ0mqUieSJdP2eV8Vbm-fCusRsDzRapVrMew")) == .googleClickID)
        #expect(IdentifierFormats.kind(b("E.C.P.twBsqZ-TlLYbGzs1JBUZmRIv")) == .tiktokClickID)
        #expect(IdentifierFormats.kind(b("$device:e9dd76c8-027f-48a0-9da5-3159a6c494f5")) == .mixpanelDeviceID)
        #expect(IdentifierFormats.kind(b("71467440609300384020747263971646087732")) == .adobeECID)
        #expect(IdentifierFormats.kind(b("cus_k-KjLTVsOciKnEUbT")) == .prefixedUserID)
        for bad in ["fb.1.123.456", "555.1718000000", "hello world", "2024-07-14", "1.2.3.4"] { #expect(IdentifierFormats.kind(b(bad)) == nil, "\(bad)") }
    }
}
