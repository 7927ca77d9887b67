import Testing
@testable import Classify

private func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

@Suite("NationalIDs")
struct NationalIDsTests {
    @Test("each national id format with a valid and an invalid check")
    func vectors() {
        let valid: [(String, NationalIDs.Kind)] = [
            ("123-45-6789", .usSSN), ("AB123456C", .ukNINO), ("ZZ 73 93 27 T", .ukNINO), ("184017645108964", .frNIR),
            ("86095742719", .deSteuerID), ("12345678Z", .esDNI), ("X1234567L", .esNIE), ("RSSMRA85T10A562S", .itCodiceFiscale),
            ("111222333", .nlBSN), ("811228-9874", .sePersonnummer), ("529.982.247-25", .brCPF),
        ]
        for (v, k) in valid { #expect(NationalIDs.kind(b(v)) == k, "\(v)") }
        let invalid = ["666-12-3456", "DQ123456C", "184017645108965", "86095742718", "12345678A", "X1234567A",
                       "RSSMRA85T10A562T", "123456789", "811228-9875", "529.982.247-26", "111.111.111-11"]
        for v in invalid { #expect(NationalIDs.kind(b(v)) == nil, "\(v)") }
    }

    @Test("separators must be the format's own: a phone's 3-4-4 grouping is no CPF or tax id")
    func layouts() {
        #expect(NationalIDs.kind(b("52998224725")) == .brCPF)
        #expect(NationalIDs.kind(b("529.982.247-25")) == .brCPF)
        #expect(NationalIDs.kind(b("529-9822-4725")) == nil)
        #expect(NationalIDs.kind(b("86 095 742 719")) == .deSteuerID)
        #expect(NationalIDs.kind(b("860-9574-2719")) == nil)
    }
}
