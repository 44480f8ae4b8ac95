package dev.tracegate.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * An incoming request as the server instrumenter sees it: the JAX-RS view plus the connection facts
 * only the servlet request knows, captured on the request thread.
 */
public final class ServerRequest {
  final ContainerRequestContext request;
  final String peerAddress;
  final int peerPort;
  final String protocol;

  ServerRequest(ContainerRequestContext request, HttpServletRequest servletRequest) {
    this.request = request;
    this.peerAddress = servletRequest == null ? null : servletRequest.getRemoteAddr();
    this.peerPort = servletRequest == null ? -1 : servletRequest.getRemotePort();
    this.protocol = servletRequest == null ? null : servletRequest.getProtocol();
  }
}
