// Swagger UI on /openapi with the console's credentials: this tab's sessionStorage, where the
// console keeps them (the explorer opens in the console's tab).
const authorization = sessionStorage.getItem('workflow-console.authorization');
document.getElementById('hint').hidden = authorization !== null;
window.ui = SwaggerUIBundle({
  url: '/openapi',
  dom_id: '#swagger-ui',
  requestInterceptor: (request) => {
    if (authorization) request.headers.Authorization = authorization;
    request.headers['X-Requested-With'] = 'XMLHttpRequest';
    return request;
  },
});
