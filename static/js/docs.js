// /docs: Swagger UI on the schema this server publishes. A file rather than an inline script,
// because the Content-Security-Policy allows scripts from this origin only.
(() => {
  const host = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: host.dataset.schema,
    domNode: host,
    deepLinking: true,
    validatorUrl: null, // the default badge would ask validator.swagger.io about our schema
    onComplete: () => host.setAttribute("data-state", "ready"),
  });
})();
