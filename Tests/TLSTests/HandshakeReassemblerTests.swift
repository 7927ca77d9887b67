import Testing
@testable import TLS

@Suite("HandshakeReassembler")
struct HandshakeReassemblerTests {
    static func messages(_ fragments: [[UInt8]]) -> [String] {
        var r = HandshakeReassembler()
        var out: [String] = []
        for f in fragments {
            f.withUnsafeBytes { r.append($0) }
            while let m = r.next() {
                switch m {
                case .message(let type, let body): out.append("\(type):\(body.count)")
                case .oversized(let type, let length): out.append("big\(type):\(length)")
                }
            }
        }
        return out
    }

    @Test("messages split across fragments and several per fragment, byte by byte")
    func split() {
        let stream = Synth.handshake(1, [1, 2, 3]) + Synth.handshake(2, []) + Synth.handshake(11, Synth.bytes(300, seed: 1))
        #expect(Self.messages([stream]) == ["1:3", "2:0", "11:300"])
        #expect(Self.messages(stream.map { [$0] }) == ["1:3", "2:0", "11:300"])
    }

    @Test("a message over 128 KiB is skipped as it streams, then parsing resumes")
    func oversized() {
        let big = Synth.handshake(11, Synth.bytes(HandshakeReassembler.maxMessage + 10, seed: 1))
        let after = Synth.handshake(14, [])
        var fragments: [[UInt8]] = []
        var i = 0
        let all = big + after
        while i < all.count {
            fragments.append(Array(all[i..<min(all.count, i + 16384)]))
            i += 16384
        }
        #expect(Self.messages(fragments) == ["big11:\(HandshakeReassembler.maxMessage + 10)", "14:0"])
    }
}
