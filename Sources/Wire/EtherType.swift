/// EtherType values the decoder dispatches on (IEEE registry). Others count as `non_ip_ethertype`.
enum EtherType {
    static let ipv4: UInt16 = 0x0800
    static let ipv6: UInt16 = 0x86DD
    static let vlan: UInt16 = 0x8100          // 802.1Q C-tag
    static let qinq: UInt16 = 0x88A8          // 802.1ad S-tag
    static let qinqLegacy: UInt16 = 0x9100    // pre-standard QinQ
    static let mplsUnicast: UInt16 = 0x8847
    static let mplsMulticast: UInt16 = 0x8848
    static let pppoeSession: UInt16 = 0x8864
    static let transparentEthernet: UInt16 = 0x6558  // GRE/GENEVE: an Ethernet frame follows
    static let erspanII: UInt16 = 0x88BE
    static let erspanIII: UInt16 = 0x22EB
}
