// Placeholder: the Consent stage. See docs/ARCHITECTURE.md.
import Primitives
