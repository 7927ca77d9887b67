import Testing
@testable import Payload
