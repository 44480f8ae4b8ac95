package dev.tracegate.bench;

/**
 * The JAX-RS request and response objects a server or client hands the filters, reduced to what the
 * filters read: the benchmark measures Tracegate, not a JAX-RS implementation. Everything else
 * throws.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class JaxRsContexts {
  private JaxRsContexts() {}

  static final class ServerRequestContext
      implements jakarta.ws.rs.container.ContainerRequestContext {
    final java.util.Map<String, Object> properties = new java.util.HashMap<>();
    final jakarta.ws.rs.core.MultivaluedMap<String, String> headers =
        new jakarta.ws.rs.core.MultivaluedHashMap<>();
    final String method;
    final jakarta.ws.rs.core.UriInfo uriInfo;

    ServerRequestContext(String method, jakarta.ws.rs.core.UriInfo uriInfo) {
      this.method = method;
      this.uriInfo = uriInfo;
    }

    @Override
    public java.lang.Object getProperty(java.lang.String a0) {
      return properties.get(a0);
    }

    @Override
    public int getLength() {
      throw new UnsupportedOperationException("getLength");
    }

    @Override
    public java.lang.String getMethod() {
      return method;
    }

    @Override
    public void setProperty(java.lang.String a0, java.lang.Object a1) {
      properties.put(a0, a1);
    }

    @Override
    public jakarta.ws.rs.core.SecurityContext getSecurityContext() {
      throw new UnsupportedOperationException("getSecurityContext");
    }

    @Override
    public java.util.Locale getLanguage() {
      throw new UnsupportedOperationException("getLanguage");
    }

    @Override
    public java.util.Date getDate() {
      throw new UnsupportedOperationException("getDate");
    }

    @Override
    public void setMethod(java.lang.String a0) {
      throw new UnsupportedOperationException("setMethod");
    }

    @Override
    public java.util.Collection<java.lang.String> getPropertyNames() {
      throw new UnsupportedOperationException("getPropertyNames");
    }

    @Override
    public void removeProperty(java.lang.String a0) {
      properties.remove(a0);
    }

    @Override
    public jakarta.ws.rs.core.UriInfo getUriInfo() {
      return uriInfo;
    }

    @Override
    public void setRequestUri(java.net.URI a0, java.net.URI a1) {
      throw new UnsupportedOperationException("setRequestUri");
    }

    @Override
    public void setRequestUri(java.net.URI a0) {
      throw new UnsupportedOperationException("setRequestUri");
    }

    @Override
    public jakarta.ws.rs.core.Request getRequest() {
      throw new UnsupportedOperationException("getRequest");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String> getHeaders() {
      return headers;
    }

    @Override
    public java.lang.String getHeaderString(java.lang.String a0) {
      java.util.List<String> v = headers.get(a0);
      return v == null ? null : String.join(",", v);
    }

    @Override
    public jakarta.ws.rs.core.MediaType getMediaType() {
      throw new UnsupportedOperationException("getMediaType");
    }

    @Override
    public java.util.List<jakarta.ws.rs.core.MediaType> getAcceptableMediaTypes() {
      throw new UnsupportedOperationException("getAcceptableMediaTypes");
    }

    @Override
    public java.util.List<java.util.Locale> getAcceptableLanguages() {
      throw new UnsupportedOperationException("getAcceptableLanguages");
    }

    @Override
    public java.util.Map<java.lang.String, jakarta.ws.rs.core.Cookie> getCookies() {
      throw new UnsupportedOperationException("getCookies");
    }

    @Override
    public boolean hasEntity() {
      throw new UnsupportedOperationException("hasEntity");
    }

    @Override
    public java.io.InputStream getEntityStream() {
      throw new UnsupportedOperationException("getEntityStream");
    }

    @Override
    public void setEntityStream(java.io.InputStream a0) {
      throw new UnsupportedOperationException("setEntityStream");
    }

    @Override
    public void setSecurityContext(jakarta.ws.rs.core.SecurityContext a0) {
      throw new UnsupportedOperationException("setSecurityContext");
    }

    @Override
    public void abortWith(jakarta.ws.rs.core.Response a0) {
      throw new UnsupportedOperationException("abortWith");
    }
  }

  static final class FixedUriInfo implements jakarta.ws.rs.core.UriInfo {
    final java.net.URI requestUri;
    final java.net.URI baseUri;
    // As RESTEasy does: the path relative to the base URI is worked out once, when the request
    // arrives.
    final java.lang.String relativePath;

    FixedUriInfo(java.net.URI requestUri, java.net.URI baseUri) {
      this.requestUri = requestUri;
      this.baseUri = baseUri;
      this.relativePath =
          "/"
              + requestUri
                  .getRawPath()
                  .substring(baseUri.getRawPath().length())
                  .replaceFirst("^/", "");
    }

    @Override
    public java.net.URI resolve(java.net.URI a0) {
      throw new UnsupportedOperationException("resolve");
    }

    @Override
    public java.lang.String getPath() {
      return relativePath;
    }

    @Override
    public java.lang.String getPath(boolean decode) {
      return relativePath;
    }

    @Override
    public java.net.URI getAbsolutePath() {
      throw new UnsupportedOperationException("getAbsolutePath");
    }

    @Override
    public java.net.URI relativize(java.net.URI a0) {
      throw new UnsupportedOperationException("relativize");
    }

    @Override
    public java.util.List<jakarta.ws.rs.core.PathSegment> getPathSegments(boolean a0) {
      throw new UnsupportedOperationException("getPathSegments");
    }

    @Override
    public java.util.List<jakarta.ws.rs.core.PathSegment> getPathSegments() {
      throw new UnsupportedOperationException("getPathSegments");
    }

    @Override
    public java.net.URI getRequestUri() {
      return requestUri;
    }

    @Override
    public jakarta.ws.rs.core.UriBuilder getRequestUriBuilder() {
      throw new UnsupportedOperationException("getRequestUriBuilder");
    }

    @Override
    public jakarta.ws.rs.core.UriBuilder getAbsolutePathBuilder() {
      throw new UnsupportedOperationException("getAbsolutePathBuilder");
    }

    @Override
    public java.net.URI getBaseUri() {
      return baseUri;
    }

    @Override
    public jakarta.ws.rs.core.UriBuilder getBaseUriBuilder() {
      throw new UnsupportedOperationException("getBaseUriBuilder");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String> getPathParameters(
        boolean a0) {
      throw new UnsupportedOperationException("getPathParameters");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String>
        getPathParameters() {
      throw new UnsupportedOperationException("getPathParameters");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String>
        getQueryParameters() {
      throw new UnsupportedOperationException("getQueryParameters");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String> getQueryParameters(
        boolean a0) {
      throw new UnsupportedOperationException("getQueryParameters");
    }

    @Override
    public java.util.List<java.lang.String> getMatchedURIs(boolean a0) {
      throw new UnsupportedOperationException("getMatchedURIs");
    }

    @Override
    public java.util.List<java.lang.String> getMatchedURIs() {
      throw new UnsupportedOperationException("getMatchedURIs");
    }

    @Override
    public java.util.List<java.lang.Object> getMatchedResources() {
      throw new UnsupportedOperationException("getMatchedResources");
    }
  }

  static final class ServerResponseContext
      implements jakarta.ws.rs.container.ContainerResponseContext {
    final int status;

    ServerResponseContext(int status) {
      this.status = status;
    }

    @Override
    public int getLength() {
      throw new UnsupportedOperationException("getLength");
    }

    @Override
    public java.net.URI getLocation() {
      throw new UnsupportedOperationException("getLocation");
    }

    @Override
    public java.util.Locale getLanguage() {
      throw new UnsupportedOperationException("getLanguage");
    }

    @Override
    public java.util.Date getDate() {
      throw new UnsupportedOperationException("getDate");
    }

    @Override
    public java.util.Date getLastModified() {
      throw new UnsupportedOperationException("getLastModified");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.Object> getHeaders() {
      throw new UnsupportedOperationException("getHeaders");
    }

    @Override
    public java.lang.String getHeaderString(java.lang.String a0) {
      throw new UnsupportedOperationException("getHeaderString");
    }

    @Override
    public jakarta.ws.rs.core.MediaType getMediaType() {
      throw new UnsupportedOperationException("getMediaType");
    }

    @Override
    public java.util.Map<java.lang.String, jakarta.ws.rs.core.NewCookie> getCookies() {
      throw new UnsupportedOperationException("getCookies");
    }

    @Override
    public boolean hasEntity() {
      throw new UnsupportedOperationException("hasEntity");
    }

    @Override
    public java.io.OutputStream getEntityStream() {
      throw new UnsupportedOperationException("getEntityStream");
    }

    @Override
    public void setEntityStream(java.io.OutputStream a0) {
      throw new UnsupportedOperationException("setEntityStream");
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public jakarta.ws.rs.core.Response.StatusType getStatusInfo() {
      throw new UnsupportedOperationException("getStatusInfo");
    }

    @Override
    public java.lang.Object getEntity() {
      throw new UnsupportedOperationException("getEntity");
    }

    @Override
    public java.util.Set<java.lang.String> getAllowedMethods() {
      throw new UnsupportedOperationException("getAllowedMethods");
    }

    @Override
    public jakarta.ws.rs.core.EntityTag getEntityTag() {
      throw new UnsupportedOperationException("getEntityTag");
    }

    @Override
    public java.util.Set<jakarta.ws.rs.core.Link> getLinks() {
      throw new UnsupportedOperationException("getLinks");
    }

    @Override
    public boolean hasLink(java.lang.String a0) {
      throw new UnsupportedOperationException("hasLink");
    }

    @Override
    public jakarta.ws.rs.core.Link getLink(java.lang.String a0) {
      throw new UnsupportedOperationException("getLink");
    }

    @Override
    public jakarta.ws.rs.core.Link.Builder getLinkBuilder(java.lang.String a0) {
      throw new UnsupportedOperationException("getLinkBuilder");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String>
        getStringHeaders() {
      throw new UnsupportedOperationException("getStringHeaders");
    }

    @Override
    public void setStatus(int a0) {
      throw new UnsupportedOperationException("setStatus");
    }

    @Override
    public void setStatusInfo(jakarta.ws.rs.core.Response.StatusType a0) {
      throw new UnsupportedOperationException("setStatusInfo");
    }

    @Override
    public java.lang.Class<?> getEntityClass() {
      throw new UnsupportedOperationException("getEntityClass");
    }

    @Override
    public java.lang.reflect.Type getEntityType() {
      throw new UnsupportedOperationException("getEntityType");
    }

    @Override
    public void setEntity(
        java.lang.Object a0,
        java.lang.annotation.Annotation[] a1,
        jakarta.ws.rs.core.MediaType a2) {
      throw new UnsupportedOperationException("setEntity");
    }

    @Override
    public void setEntity(java.lang.Object a0) {
      throw new UnsupportedOperationException("setEntity");
    }

    @Override
    public java.lang.annotation.Annotation[] getEntityAnnotations() {
      throw new UnsupportedOperationException("getEntityAnnotations");
    }
  }

  static final class OutboundRequestContext implements jakarta.ws.rs.client.ClientRequestContext {
    final java.util.Map<String, Object> properties = new java.util.HashMap<>();
    final jakarta.ws.rs.core.MultivaluedMap<String, Object> headers =
        new jakarta.ws.rs.core.MultivaluedHashMap<>();
    final String method;
    final java.net.URI uri;

    OutboundRequestContext(String method, java.net.URI uri) {
      this.method = method;
      this.uri = uri;
    }

    @Override
    public java.lang.Object getProperty(java.lang.String a0) {
      return properties.get(a0);
    }

    @Override
    public java.lang.String getMethod() {
      return method;
    }

    @Override
    public void setProperty(java.lang.String a0, java.lang.Object a1) {
      properties.put(a0, a1);
    }

    @Override
    public java.util.Locale getLanguage() {
      throw new UnsupportedOperationException("getLanguage");
    }

    @Override
    public java.util.Date getDate() {
      throw new UnsupportedOperationException("getDate");
    }

    @Override
    public void setMethod(java.lang.String a0) {
      throw new UnsupportedOperationException("setMethod");
    }

    @Override
    public java.util.Collection<java.lang.String> getPropertyNames() {
      throw new UnsupportedOperationException("getPropertyNames");
    }

    @Override
    public void removeProperty(java.lang.String a0) {
      properties.remove(a0);
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.Object> getHeaders() {
      return headers;
    }

    @Override
    public java.lang.String getHeaderString(java.lang.String a0) {
      throw new UnsupportedOperationException("getHeaderString");
    }

    @Override
    public jakarta.ws.rs.core.MediaType getMediaType() {
      throw new UnsupportedOperationException("getMediaType");
    }

    @Override
    public java.util.List<jakarta.ws.rs.core.MediaType> getAcceptableMediaTypes() {
      throw new UnsupportedOperationException("getAcceptableMediaTypes");
    }

    @Override
    public java.util.List<java.util.Locale> getAcceptableLanguages() {
      throw new UnsupportedOperationException("getAcceptableLanguages");
    }

    @Override
    public java.util.Map<java.lang.String, jakarta.ws.rs.core.Cookie> getCookies() {
      throw new UnsupportedOperationException("getCookies");
    }

    @Override
    public boolean hasEntity() {
      throw new UnsupportedOperationException("hasEntity");
    }

    @Override
    public java.io.OutputStream getEntityStream() {
      throw new UnsupportedOperationException("getEntityStream");
    }

    @Override
    public void setEntityStream(java.io.OutputStream a0) {
      throw new UnsupportedOperationException("setEntityStream");
    }

    @Override
    public void abortWith(jakarta.ws.rs.core.Response a0) {
      throw new UnsupportedOperationException("abortWith");
    }

    @Override
    public java.lang.Object getEntity() {
      throw new UnsupportedOperationException("getEntity");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String>
        getStringHeaders() {
      jakarta.ws.rs.core.MultivaluedMap<String, String> strings =
          new jakarta.ws.rs.core.MultivaluedHashMap<>();
      headers.forEach((k, v) -> v.forEach(x -> strings.add(k, String.valueOf(x))));
      return strings;
    }

    @Override
    public java.lang.Class<?> getEntityClass() {
      throw new UnsupportedOperationException("getEntityClass");
    }

    @Override
    public java.lang.reflect.Type getEntityType() {
      throw new UnsupportedOperationException("getEntityType");
    }

    @Override
    public void setEntity(java.lang.Object a0) {
      throw new UnsupportedOperationException("setEntity");
    }

    @Override
    public void setEntity(
        java.lang.Object a0,
        java.lang.annotation.Annotation[] a1,
        jakarta.ws.rs.core.MediaType a2) {
      throw new UnsupportedOperationException("setEntity");
    }

    @Override
    public java.lang.annotation.Annotation[] getEntityAnnotations() {
      throw new UnsupportedOperationException("getEntityAnnotations");
    }

    @Override
    public java.net.URI getUri() {
      return uri;
    }

    @Override
    public void setUri(java.net.URI a0) {
      throw new UnsupportedOperationException("setUri");
    }

    @Override
    public jakarta.ws.rs.client.Client getClient() {
      throw new UnsupportedOperationException("getClient");
    }

    @Override
    public jakarta.ws.rs.core.Configuration getConfiguration() {
      throw new UnsupportedOperationException("getConfiguration");
    }
  }

  static final class OutboundResponseContext implements jakarta.ws.rs.client.ClientResponseContext {
    final int status;

    OutboundResponseContext(int status) {
      this.status = status;
    }

    @Override
    public int getLength() {
      throw new UnsupportedOperationException("getLength");
    }

    @Override
    public java.net.URI getLocation() {
      throw new UnsupportedOperationException("getLocation");
    }

    @Override
    public java.util.Locale getLanguage() {
      throw new UnsupportedOperationException("getLanguage");
    }

    @Override
    public java.util.Date getDate() {
      throw new UnsupportedOperationException("getDate");
    }

    @Override
    public java.util.Date getLastModified() {
      throw new UnsupportedOperationException("getLastModified");
    }

    @Override
    public jakarta.ws.rs.core.MultivaluedMap<java.lang.String, java.lang.String> getHeaders() {
      throw new UnsupportedOperationException("getHeaders");
    }

    @Override
    public java.lang.String getHeaderString(java.lang.String a0) {
      throw new UnsupportedOperationException("getHeaderString");
    }

    @Override
    public jakarta.ws.rs.core.MediaType getMediaType() {
      throw new UnsupportedOperationException("getMediaType");
    }

    @Override
    public java.util.Map<java.lang.String, jakarta.ws.rs.core.NewCookie> getCookies() {
      throw new UnsupportedOperationException("getCookies");
    }

    @Override
    public boolean hasEntity() {
      throw new UnsupportedOperationException("hasEntity");
    }

    @Override
    public java.io.InputStream getEntityStream() {
      throw new UnsupportedOperationException("getEntityStream");
    }

    @Override
    public void setEntityStream(java.io.InputStream a0) {
      throw new UnsupportedOperationException("setEntityStream");
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public jakarta.ws.rs.core.Response.StatusType getStatusInfo() {
      throw new UnsupportedOperationException("getStatusInfo");
    }

    @Override
    public java.util.Set<java.lang.String> getAllowedMethods() {
      throw new UnsupportedOperationException("getAllowedMethods");
    }

    @Override
    public jakarta.ws.rs.core.EntityTag getEntityTag() {
      throw new UnsupportedOperationException("getEntityTag");
    }

    @Override
    public java.util.Set<jakarta.ws.rs.core.Link> getLinks() {
      throw new UnsupportedOperationException("getLinks");
    }

    @Override
    public boolean hasLink(java.lang.String a0) {
      throw new UnsupportedOperationException("hasLink");
    }

    @Override
    public jakarta.ws.rs.core.Link getLink(java.lang.String a0) {
      throw new UnsupportedOperationException("getLink");
    }

    @Override
    public jakarta.ws.rs.core.Link.Builder getLinkBuilder(java.lang.String a0) {
      throw new UnsupportedOperationException("getLinkBuilder");
    }

    @Override
    public void setStatus(int a0) {
      throw new UnsupportedOperationException("setStatus");
    }

    @Override
    public void setStatusInfo(jakarta.ws.rs.core.Response.StatusType a0) {
      throw new UnsupportedOperationException("setStatusInfo");
    }
  }
}
