namespace AppServer.DevIssuer;
