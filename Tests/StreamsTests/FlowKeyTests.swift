import Testing
import Primitives
@testable import Streams

@Suite("FlowKey")
struct FlowKeyTests {
    @Test("both directions give the same key and hash")
    func symmetric() {
        let x = Endpoint(address: IPAddress("192.0.2.7")!, port: 443)
        let y = Endpoint(address: IPAddress("192.0.2.1")!, port: 51000)
        let (k1, aIsSource1) = FlowKey.make(source: x, destination: y)
        let (k2, aIsSource2) = FlowKey.make(source: y, destination: x)
        #expect(k1 == k2)
        #expect(k1.hashValue == k2.hashValue)
        #expect(aIsSource1 != aIsSource2)
        #expect(k1.a == y)
    }

    @Test("IPv6 and mixed families, same address different ports")
    func families() {
        let v6a = Endpoint(address: IPAddress("2001:db8::1")!, port: 80)
        let v6b = Endpoint(address: IPAddress("2001:db8::1")!, port: 8080)
        let v4 = Endpoint(address: IPAddress("10.0.0.1")!, port: 80)
        #expect(FlowKey.make(source: v6b, destination: v6a).key.a == v6a)
        #expect(FlowKey.make(source: v6a, destination: v4).key.a == v4)
        #expect(FlowKey.make(source: v6a, destination: v6b).key != FlowKey.make(source: v6a, destination: v4).key)
    }
}
