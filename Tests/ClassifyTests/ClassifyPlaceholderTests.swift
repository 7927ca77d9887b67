import Testing
@testable import Classify
