document.getElementById("calls").textContent = "test";
