import Hummingbird
import NIOCore

/// Hummingbird request context carrying the client address (for rate limiting).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies up to 12 MB (files are at most 10 MB, R-VAL-08).
    public var maxUploadSize: Int { 12 * 1024 * 1024 }
}
