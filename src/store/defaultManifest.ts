/** What the YAML pane holds on first load: a small, real-world Deployment and its Service. */
export const DEFAULT_MANIFEST = `# nginx: a Deployment with 3 replicas and a Service.
# Edit, then Apply (runs \`kubectl apply -f -\`).
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx
  ports:
    - port: 80
      targetPort: 80
`;
