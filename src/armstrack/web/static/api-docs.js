// Starts Swagger UI on /api/docs from the vendored bundle (no inline script: the page's CSP
// allows scripts from this server only).
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: document.body.dataset.openapi,
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
});
