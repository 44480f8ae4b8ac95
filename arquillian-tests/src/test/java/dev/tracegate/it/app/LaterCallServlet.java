package dev.tracegate.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;

/**
 * A servlet, which Tracegate's JAX-RS filters never see, that calls the URL of its {@code to}
 * parameter with the JAX-RS Client and answers {@code thread=...} followed by what that URL
 * answered.
 */
@WebServlet("/later-call")
public class LaterCallServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String thread = Thread.currentThread().getName();
    Client client = ClientBuilder.newClient();
    try {
      String answer = client.target(request.getParameter("to")).request().get(String.class);
      response.setContentType("text/plain");
      response.getWriter().write("thread=" + thread + "\n" + answer);
    } finally {
      client.close();
    }
  }
}
